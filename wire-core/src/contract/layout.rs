//! The C layout of trivially copyable types: what struct_pack copies as
//! memory, and the alignment that ends their literal.

use crate::contract::schema::{Prim, Schema};

/// Size and alignment of a trivially copyable type in C (x86_64 SysV ABI,
/// which is what every coro_rpc peer measured here runs on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CLayout {
    /// `sizeof`: the fields at their aligned offsets, rounded up to `align`.
    pub size: usize,
    /// `alignof`: the largest alignment of a field.
    pub align: usize,
}

const fn align_up(n: usize, align: usize) -> usize {
    n.div_ceil(align) * align
}

/// A primitive's size, which is also its alignment (`__int128` included).
pub(crate) const fn prim_size(p: Prim) -> usize {
    match p {
        Prim::Bool | Prim::I8 | Prim::U8 => 1,
        Prim::I16 | Prim::U16 => 2,
        Prim::I32 | Prim::U32 | Prim::F32 | Prim::Char => 4,
        Prim::I64 | Prim::U64 | Prim::F64 => 8,
        Prim::I128 | Prim::U128 => 16,
    }
}

impl Schema {
    /// The C layout, if this is trivially copyable for struct_pack: a
    /// number, a C-like enum, an array of those, or a `#[wire(trivial)]`
    /// struct of those (newtypes are transparent). Strings, containers,
    /// options, variants and tuples never are.
    ///
    /// ```
    /// use wire_core::Wire;
    /// let layout = <[u16; 3] as Wire>::SCHEMA.c_layout().unwrap();
    /// assert_eq!((layout.size, layout.align), (6, 2));
    /// assert!(<String as Wire>::SCHEMA.c_layout().is_none());
    /// ```
    pub const fn c_layout(&self) -> Option<CLayout> {
        match self {
            Schema::Prim(p) => Some(CLayout { size: prim_size(*p), align: prim_size(*p) }),
            Schema::CEnum(d) => {
                let n = prim_size(d.get().repr);
                Some(CLayout { size: n, align: n })
            }
            Schema::Array(t, n) => match t.c_layout() {
                Some(l) => Some(CLayout { size: l.size * *n, align: l.align }),
                None => None,
            },
            Schema::Newtype(d) => d.get().inner.c_layout(),
            Schema::Struct(d) => {
                let d = d.get();
                if !d.trivial || d.fields.is_empty() {
                    return None;
                }
                let (mut offset, mut align, mut i) = (0, 1, 0);
                while i < d.fields.len() {
                    let Some(f) = d.fields[i].schema.c_layout() else {
                        return None;
                    };
                    offset = align_up(offset, f.align) + f.size;
                    if f.align > align {
                        align = f.align;
                    }
                    i += 1;
                }
                Some(CLayout { size: align_up(offset, align), align })
            }
            _ => None,
        }
    }
}
