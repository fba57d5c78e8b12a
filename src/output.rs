//! Standard output that remembers whether a write failed, so a command can say so and exit
//! non-zero (`overture history > /dev/full`). A reader that stops early (`| head`) is not a
//! failure: a closed pipe stays quiet.

use std::io::{self, Write};
use std::path::Path;

pub struct Tracked<W: Write> {
    inner: W,
    failed: Option<io::Error>,
}

impl<W: Write> Tracked<W> {
    pub fn new(inner: W) -> Self {
        Tracked {
            inner,
            failed: None,
        }
    }

    /// Flushes what is left, then the first write error, unless it was a closed pipe.
    pub fn finish(mut self) -> Option<io::Error> {
        if let Err(e) = self.inner.flush() {
            self.failed.get_or_insert(e);
        }
        self.failed
            .filter(|e| e.kind() != io::ErrorKind::BrokenPipe)
    }
}

impl<W: Write> Write for Tracked<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(io::Error::new(e.kind(), e.to_string()));
            }
        })
    }
}

/// Writes a path and a line break: byte for byte on Unix, even where it is not UTF-8, so a
/// script can use what it reads.
pub fn write_path(out: &mut impl Write, path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        out.write_all(path.as_os_str().as_bytes())?;
    }
    #[cfg(not(unix))]
    write!(out, "{}", path.display())?;
    out.write_all(b"\n")
}
