//! A type expression: wire-core's vocabulary of shapes, owned.

use std::fmt;
use wire_core::Shape;

/// A type expression: a [`Shape`] whose children are type expressions and
/// whose named type is a key into [`ContractDoc::types`](super::ContractDoc::types).
/// It displays as a contract file writes it.
///
/// ```
/// use wire_core::Shape;
/// use wire_golden::model::Ty;
/// let ty = Ty::new(Shape::Result(Ty::new(Shape::Seq(Ty::named("Replica~1a2b3c4d"))), Ty::new(Shape::Unit)));
/// assert_eq!(ty.to_string(), "Result<Vec<Replica~1a2b3c4d>, ()>");
/// // Named types spelled another way: by name rather than by key.
/// let by_name = |key: &str| key.split('~').next().unwrap_or(key).to_owned();
/// assert_eq!(ty.naming(&by_name).to_string(), "Result<Vec<Replica>, ()>");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Ty(Box<Shape<Ty, String>>);

impl Ty {
    /// The type of this shape.
    pub fn new(shape: Shape<Ty, String>) -> Ty {
        Ty(Box::new(shape))
    }

    /// A named type, by key.
    pub fn named(key: impl Into<String>) -> Ty {
        Ty::new(Shape::Named(key.into()))
    }

    /// Its shape.
    pub fn shape(&self) -> &Shape<Ty, String> {
        &self.0
    }

    /// The text form, each named type spelled `name_of(key)`.
    pub fn naming<'a>(&'a self, name_of: &'a dyn Fn(&str) -> String) -> impl fmt::Display + 'a {
        Naming { ty: self, name_of }
    }
}

impl From<Shape<Ty, String>> for Ty {
    fn from(shape: Shape<Ty, String>) -> Ty {
        Ty::new(shape)
    }
}

/// As a contract file writes it: `Vec<String>`, `Map<K, V>`, a named type by its key.
impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.shape(), f)
    }
}

/// [`Ty::naming`].
struct Naming<'a> {
    ty: &'a Ty,
    name_of: &'a dyn Fn(&str) -> String,
}

impl fmt::Display for Naming<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name_of = self.name_of;
        let shape = self.ty.shape().as_ref().map(|ty| Naming { ty, name_of }, |key| name_of(key));
        fmt::Display::fmt(&shape, f)
    }
}
