//! The pattern language of the rules, parsed into `Pat`s (literals as text); `matcher`
//! compiles them for matching.
//!
//! A tiny phrase language, matched token by token:
//!   word          that exact (normalised) token; `,` `?` `.` match punctuation
//!   word*         any token starting with "word"
//!   a|b|c         one of these single tokens (no spaces around the bars)
//!   ( x y | z )   a group of alternatives; multi-word alternatives need spaced ` | `
//!   [ x y | z ]   the same, optional
//!   ~N            up to N tokens of anything within the sentence (crosses commas, not stops)
//!   ^  $          the start / end of a clause (punctuation or the edge of the draft)

#[derive(Debug)]
pub(super) enum Lit {
    Exact(String),
    Prefix(String),
}

#[derive(Debug)]
pub(super) enum Pat {
    Word(Vec<Lit>),
    Group(Vec<Vec<Pat>>),
    Optional(Vec<Vec<Pat>>),
    Gap(usize),
    Start,
    End,
}

fn lex(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in src.split_whitespace() {
        let mut rest = chunk;
        while let Some(r) = rest.strip_prefix(['(', '[']) {
            out.push(rest[..1].to_string());
            rest = r;
        }
        let mut closers = Vec::new();
        while let Some(r) = rest.strip_suffix([')', ']']) {
            closers.push(rest[rest.len() - 1..].to_string());
            rest = r;
        }
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
        out.extend(closers.into_iter().rev());
    }
    out
}

fn lit(atom: &str) -> Lit {
    match atom.strip_suffix('*') {
        Some(p) if !p.is_empty() => Lit::Prefix(p.to_string()),
        _ => Lit::Exact(atom.to_string()),
    }
}

/// How a group that `open` starts is shown in a message.
fn group_name(close: Option<&str>) -> &'static str {
    match close {
        Some(")") => "group ( … )",
        Some(_) => "optional part [ … ]",
        None => "pattern",
    }
}

/// Parses alternatives up to `close` (or the end, when `close` is `None`).
fn parse_alts(
    lexemes: &[String],
    pos: &mut usize,
    close: Option<&str>,
) -> Result<Vec<Vec<Pat>>, String> {
    let mut alts = vec![Vec::new()];
    let mut closed = close.is_none();
    while let Some(lx) = lexemes.get(*pos) {
        *pos += 1;
        let node = match lx.as_str() {
            l if Some(l) == close => {
                closed = true;
                break;
            }
            "|" => {
                alts.push(Vec::new());
                continue;
            }
            l @ (")" | "]") => return Err(format!("unbalanced brackets: unexpected `{l}`")),
            "(" => Pat::Group(parse_alts(lexemes, pos, Some(")"))?),
            "[" => Pat::Optional(parse_alts(lexemes, pos, Some("]"))?),
            "^" => Pat::Start,
            "$" => Pat::End,
            l if l.len() > 1
                && l.starts_with('~')
                && l[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                Pat::Gap(
                    l[1..]
                        .parse()
                        .map_err(|_| format!("gap `{l}` is too long"))?,
                )
            }
            l => {
                if l.split('|').any(str::is_empty) {
                    return Err(format!("empty alternative in the word `{l}`"));
                }
                Pat::Word(l.split('|').map(lit).collect())
            }
        };
        if let Some(last) = alts.last_mut() {
            last.push(node);
        }
    }
    let name = group_name(close);
    if !closed {
        return Err(format!("unbalanced brackets: a {name} is never closed"));
    }
    if alts.iter().any(Vec::is_empty) {
        return Err(if alts.len() == 1 {
            format!("empty {name}")
        } else {
            format!("empty alternative in a {name}")
        });
    }
    Ok(alts)
}

/// Parses a pattern (with its fragments already substituted), or says what is wrong with it.
pub(super) fn parse(src: &str) -> Result<Vec<Pat>, String> {
    let lexemes = lex(src);
    let mut pos = 0;
    let mut alts = parse_alts(&lexemes, &mut pos, None)?;
    Ok(if alts.len() == 1 {
        alts.pop().unwrap_or_default()
    } else {
        vec![Pat::Group(alts)]
    })
}

/// The literals a pattern's first token must match, or `false` when it could start with any
/// token (a leading gap, or a part that may be empty).
pub(super) fn first_lits<'a>(nodes: &[&'a Pat], out: &mut Vec<&'a Lit>) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        // An empty pattern matches without a first token: no filter is possible.
        return false;
    };
    match first {
        Pat::Word(lits) => {
            out.extend(lits.iter());
            true
        }
        Pat::Start => first_lits(rest, out),
        Pat::Group(alts) => alts.iter().all(|alt| {
            let mut joined: Vec<&Pat> = alt.iter().collect();
            joined.extend(rest.iter().copied());
            first_lits(&joined, out)
        }),
        Pat::Optional(alts) => {
            alts.iter().all(|alt| {
                let mut joined: Vec<&Pat> = alt.iter().collect();
                joined.extend(rest.iter().copied());
                first_lits(&joined, out)
            }) && first_lits(rest, out)
        }
        Pat::Gap(_) | Pat::End => false,
    }
}

/// The literals a pattern's second token must match, or `false` when there is no such
/// constraint (a match may end after one token, or a gap may follow the first).
pub(super) fn second_lits<'a>(nodes: &[&'a Pat], out: &mut Vec<&'a Lit>) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return false;
    };
    match first {
        Pat::Word(_) => first_lits(rest, out),
        Pat::Start => second_lits(rest, out),
        Pat::Group(alts) => alts.iter().all(|alt| {
            let mut joined: Vec<&Pat> = alt.iter().collect();
            joined.extend(rest.iter().copied());
            second_lits(&joined, out)
        }),
        Pat::Optional(alts) => {
            alts.iter().all(|alt| {
                let mut joined: Vec<&Pat> = alt.iter().collect();
                joined.extend(rest.iter().copied());
                second_lits(&joined, out)
            }) && second_lits(rest, out)
        }
        Pat::Gap(_) | Pat::End => false,
    }
}
