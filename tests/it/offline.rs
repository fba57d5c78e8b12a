//! "Overture never connects to anything": no networking crate in `Cargo.lock`, `mio`'s sockets
//! enabled only for crossterm's in-process signal delivery, and no socket type in the source.

use std::path::Path;
use std::process::Command;

/// Crates whose only purpose is talking over a network (HTTP, TLS, sockets, async network
/// runtimes, RPC, mail, messaging). Any of them in the lock file fails this test, even as a
/// dev-dependency: a test that phones out is as bad as the app doing it.
const NETWORK_CRATES: &[&str] = &[
    "actix-web",
    "async-std",
    "attohttpc",
    "axum",
    "curl",
    "curl-sys",
    "h2",
    "h3",
    "hickory-proto",
    "hickory-resolver",
    "http",
    "httparse",
    "hyper",
    "hyper-rustls",
    "hyper-tls",
    "hyper-util",
    "isahc",
    "lettre",
    "libp2p",
    "native-tls",
    "openssl",
    "openssl-sys",
    "paho-mqtt",
    "quinn",
    "reqwest",
    "rumqttc",
    "rustls",
    "smol",
    "socket2",
    "ssh2",
    "surf",
    "tokio",
    "tonic",
    "trust-dns-proto",
    "trust-dns-resolver",
    "tungstenite",
    "ureq",
    "warp",
    "websocket",
    "zmq",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn locked_crates() -> Vec<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).unwrap();
    lock.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_networking_crate_is_in_the_lock_file() {
    let crates = locked_crates();
    assert!(crates.len() > 50, "Cargo.lock was not read: {crates:?}");
    assert!(crates.iter().any(|c| c == "ratatui"), "{crates:?}");
    let found: Vec<&String> = crates
        .iter()
        .filter(|c| NETWORK_CRATES.contains(&c.as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates entered Cargo.lock: {found:?}. Overture never connects to anything; \
         find another way, or remove the dependency that pulls them in (`cargo tree -i NAME`)."
    );
}

/// crossterm waits for keys with `mio`. Its `net` feature (TCP, UDP and Unix sockets) is
/// switched on by `signal-hook-mio`, which crossterm uses to learn of window resizes: it
/// passes the signal through a Unix socket pair inside the process, never to anything outside
/// it. That one enabler is accepted; any other fails the test.
#[test]
fn mio_networking_is_enabled_only_for_signal_delivery() {
    if !locked_crates().iter().any(|c| c == "mio") {
        return;
    }
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-e",
            "features",
            "-i",
            "mio",
            "--depth",
            "2",
            "--prefix",
            "depth",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success() && tree.starts_with("0mio "),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut enablers = Vec::new();
    let mut in_net = false;
    for line in tree.lines() {
        if let Some(feature) = line.strip_prefix('1') {
            in_net = feature == "mio feature \"net\"";
        } else if let Some(dependent) = line.strip_prefix('2')
            && in_net
        {
            enablers.push(dependent.split(' ').next().unwrap_or_default().to_string());
        }
    }
    assert!(
        enablers.iter().all(|e| e == "signal-hook-mio"),
        "mio's networking is enabled by {enablers:?}:\n{tree}"
    );
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_source_uses_no_sockets() {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    assert!(files.len() > 10, "{files:?}");
    let banned = [
        "std::net",
        "TcpStream",
        "TcpListener",
        "UdpSocket",
        "UnixStream",
        "UnixDatagram",
        "UnixListener",
    ];
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in banned {
            assert!(
                !text.contains(word),
                "{} uses {word}: Overture never connects to anything",
                file.display()
            );
        }
    }
}
