//! The tokens of a contract file's line, and a cursor over them.

use std::fmt;

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    /// An identifier or keyword (`~` allowed inside: type keys).
    Word(String),
    /// A quoted string, its escapes resolved.
    Str(String),
    /// A decimal number.
    Num(usize),
    /// One of `<>,()[];:{}=.-#`.
    Punct(char),
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Word(w) => write!(f, "`{w}`"),
            Tok::Str(s) => write!(f, "{s:?}"),
            Tok::Num(n) => write!(f, "`{n}`"),
            Tok::Punct(c) => write!(f, "`{c}`"),
        }
    }
}

/// The tokens of one line (spaces separate them).
fn tokenize(s: &str) -> Result<Vec<Tok>, String> {
    let mut toks = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c == ' ' {
            chars.next();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut w = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' || c == '~' {
                    w.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            toks.push(Tok::Word(w));
        } else if c.is_ascii_digit() {
            let mut n = String::new();
            while let Some(&c) = chars.peek().filter(|c| c.is_ascii_digit()) {
                n.push(c);
                chars.next();
            }
            toks.push(Tok::Num(n.parse().map_err(|_| format!("number `{n}` is too large"))?));
        } else if c == '"' {
            chars.next();
            let mut lit = String::new();
            loop {
                match chars.next() {
                    None => return Err("unterminated string".into()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some('n') => lit.push('\n'),
                        Some('t') => lit.push('\t'),
                        Some('r') => lit.push('\r'),
                        Some('0') => lit.push('\0'),
                        Some(c @ ('"' | '\\' | '\'')) => lit.push(c),
                        Some('u') => {
                            let mut hex = String::new();
                            if chars.next() != Some('{') {
                                return Err("expected `{` after `\\u`".into());
                            }
                            for c in chars.by_ref() {
                                if c == '}' {
                                    break;
                                }
                                hex.push(c);
                            }
                            let c = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            lit.push(c.ok_or_else(|| format!("bad escape `\\u{{{hex}}}`"))?);
                        }
                        other => return Err(format!("bad escape `\\{}`", other.unwrap_or(' '))),
                    },
                    Some(c) => lit.push(c),
                }
            }
            toks.push(Tok::Str(lit));
        } else if "<>,()[];:{}=.-#".contains(c) {
            toks.push(Tok::Punct(c));
            chars.next();
        } else {
            return Err(format!("unexpected character {c:?}"));
        }
    }
    Ok(toks)
}

/// A cursor over the tokens of one line.
pub(super) struct Toks {
    toks: Vec<Tok>,
    /// The next token.
    pub(super) pos: usize,
    /// Nesting of the type expression being read.
    pub(super) depth: usize,
}

impl Toks {
    pub(super) fn new(s: &str) -> Result<Toks, String> {
        Ok(Toks { toks: tokenize(s)?, pos: 0, depth: 0 })
    }

    pub(super) fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos)
    }

    /// The next token as an error names it.
    pub(super) fn found(&self) -> String {
        self.peek().map_or("the end of the line".to_owned(), |t| t.to_string())
    }

    pub(super) fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// Consumes `c` if it is next.
    pub(super) fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(&Tok::Punct(c)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn expect(&mut self, c: char) -> Result<(), String> {
        if self.eat(c) { Ok(()) } else { Err(format!("expected `{c}`, found {}", self.found())) }
    }

    /// Nothing may follow.
    pub(super) fn end(&self) -> Result<(), String> {
        match self.peek() {
            None => Ok(()),
            Some(t) => Err(format!("unexpected {t} at the end of the line")),
        }
    }

    /// A name: a word without `~`, or a quoted string.
    pub(super) fn name(&mut self, what: &str) -> Result<String, String> {
        match self.next() {
            Some(Tok::Word(w)) if !w.contains('~') => Ok(w),
            Some(Tok::Str(s)) => Ok(s),
            _ => {
                self.pos -= 1;
                Err(format!("expected {what}, found {}", self.found()))
            }
        }
    }
}
