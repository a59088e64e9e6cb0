//! The type expressions of a contract file: `u64`, `Vec<T>`, `Map<K, V>`,
//! `[T; N]`, `(A, B)`, `()`, `opaque("Name")`, a named type's key.

use super::lex::{Tok, Toks};
use super::render::key_with;
use crate::model::Ty;
use std::convert::Infallible;
use wire_core::{Prim, Shape};

/// How deeply one type expression may nest (`Vec<Vec<…>>`): far beyond real
/// types, and a bound on the parser's recursion for hostile input.
pub const MAX_TYPE_NESTING: usize = 64;

/// The shapes written as a word and type arguments, as templates: the word
/// is the shape's [`Shape::keyword`], one type argument per child.
const GENERIC: [Shape<(), Infallible>; 5] =
    [Shape::Seq(()), Shape::Set(()), Shape::Option(()), Shape::Map((), ()), Shape::Result((), ())];

impl Toks {
    /// A type expression.
    pub(super) fn ty(&mut self) -> Result<Ty, String> {
        if self.depth >= MAX_TYPE_NESTING {
            return Err(format!("a type nested more than {MAX_TYPE_NESTING} levels deep"));
        }
        self.depth += 1;
        let ty = self.ty_here();
        self.depth -= 1;
        ty
    }

    fn ty_here(&mut self) -> Result<Ty, String> {
        let shape = match self.next() {
            Some(Tok::Punct('(')) => {
                let mut items = Vec::new();
                let mut trailing_comma = false;
                while !self.eat(')') {
                    items.push(self.ty()?);
                    trailing_comma = self.eat(',');
                    if !trailing_comma && self.peek() != Some(&Tok::Punct(')')) {
                        return Err(format!("expected `,` or `)` in a tuple, found {}", self.found()));
                    }
                }
                match items.len() {
                    0 => Shape::Unit,
                    1 if !trailing_comma => return Err("a one-element tuple is written `(T,)`".into()),
                    _ => Shape::Tuple(items),
                }
            }
            Some(Tok::Punct('[')) => {
                let t = self.ty()?;
                self.expect(';')?;
                let n = match self.next() {
                    Some(Tok::Num(n)) => n,
                    _ => return Err("expected the array length".into()),
                };
                self.expect(']')?;
                Shape::Array(t, n)
            }
            Some(Tok::Word(w)) => self.word(w)?,
            _ => {
                self.pos -= 1;
                return Err(format!("expected a type, found {}", self.found()));
            }
        };
        Ok(Ty::new(shape))
    }

    /// A type that starts with a word: a scalar, `String`, a shape with type
    /// arguments (`Vec<T>`, `Map<K, V>`), `opaque("Name")`, or a named type's key.
    fn word(&mut self, w: String) -> Result<Shape<Ty, String>, String> {
        if let Some(p) = Prim::ALL.iter().find(|p| p.name() == w) {
            return Ok(Shape::Prim(*p));
        }
        if let Some(generic) = GENERIC.iter().find(|g| g.keyword() == Some(w.as_str())) {
            self.expect('<')?;
            let mut args = Vec::new();
            for i in 0..generic.children().count() {
                if i > 0 {
                    self.expect(',')?;
                }
                args.push(self.ty()?);
            }
            self.expect('>')?;
            let mut args = args.into_iter();
            return Ok(generic.clone().map(|()| args.next().expect("one per child"), |never| match never {}));
        }
        Ok(match w.as_str() {
            "String" => Shape::Str,
            "opaque" => {
                self.expect('(')?;
                let Some(Tok::Str(n)) = self.next() else {
                    return Err("expected the opaque type's quoted name".into());
                };
                self.expect(')')?;
                Shape::Opaque(n)
            }
            _ => Shape::Named(key_with(&w, &self.type_args()?)),
        })
    }

    /// A key's optional type arguments: `<u32, Page<String>>`.
    pub(super) fn type_args(&mut self) -> Result<Vec<Ty>, String> {
        let mut args = Vec::new();
        if self.eat('<') {
            loop {
                args.push(self.ty()?);
                if self.eat('>') {
                    break;
                }
                self.expect(',')?;
            }
        }
        Ok(args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word a shape's text form uses is read as that shape, never as
    /// the key of a named type: a shape written but not read is caught here.
    #[test]
    fn every_reserved_word_is_a_shape() {
        for &word in Shape::<Ty, String>::RESERVED {
            // The word alone, with nothing after it.
            let read = Toks::new("").unwrap().word(word.to_owned());
            assert!(!matches!(read, Ok(Shape::Named(_))), "`{word}` is read as a named type: {read:?}");
        }
    }
}
