//! proptest strategies for the values of `types.rs`: small, recursive ones
//! bounded in depth and size.

use super::types::*;
use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use std::net::Ipv4Addr;
use std::time::Duration;

/// Short strings of arbitrary chars (1 to 4 UTF-8 bytes each); cheaper than a regex strategy.
pub fn string() -> impl Strategy<Value = String> + Clone {
    vec(any::<char>(), 0..12).prop_map(String::from_iter)
}

pub fn id() -> impl Strategy<Value = Id> + Clone {
    any::<u64>().prop_map(Id)
}

pub fn tuple_struct() -> impl Strategy<Value = TupleStruct> + Clone {
    (any::<u8>(), string(), any::<i64>()).prop_map(|(a, b, c)| TupleStruct(a, b, c))
}

pub fn transparent() -> impl Strategy<Value = Transparent> + Clone {
    (vec(any::<u16>(), 0..8), any::<u32>()).prop_map(|(values, cache)| Transparent { values, cache })
}

pub fn with_skip() -> impl Strategy<Value = WithSkip> + Clone {
    (any::<u8>(), string(), string(), vec(any::<u64>(), 0..4), any::<bool>())
        .prop_map(|(a, cache, b, scratch, c)| WithSkip { a, cache, b, scratch, c })
}

pub fn rename_me() -> impl Strategy<Value = RenameMe> + Clone {
    (any::<u8>(), string(), any::<Option<u32>>(), any::<i16>()).prop_map(|(a, b, c, d)| RenameMe {
        first_field: a,
        second_field: b,
        third_field: c,
        fourth_field: d,
    })
}

pub fn with_fields() -> impl Strategy<Value = WithFields> + Clone {
    (any::<u64>(), any::<u32>(), string()).prop_map(|(ms, ip, tag)| WithFields {
        timeout: Duration::from_millis(ms),
        addr: Ipv4Addr::from(ip),
        tag,
    })
}

pub fn shape() -> impl Strategy<Value = Shape> + Clone {
    prop_oneof![
        Just(Shape::Empty),
        any::<f64>().prop_map(Shape::Circle),
        (any::<u32>(), any::<u32>()).prop_map(|(w, h)| Shape::Rect(w, h)),
        (vec(any::<(i16, i16)>(), 0..5), any::<bool>()).prop_map(|(points, closed)| Shape::Poly { points, closed }),
        string().prop_map(Shape::Named),
        id().prop_map(Shape::Wrapped),
    ]
}

pub fn renamed() -> impl Strategy<Value = Renamed> + Clone {
    prop_oneof![
        any::<u8>().prop_map(|inner_value| Renamed::First { inner_value }),
        (prop::option::of(string()), any::<u64>(), any::<char>())
            .prop_map(|(other_value, skipped, last)| Renamed::Second { other_value, skipped, last }),
        any::<u32>().prop_map(Renamed::Third),
        (any::<u8>(), any::<i32>()).prop_map(|(a, b)| Renamed::FourthTwo(a, b)),
    ]
}

pub fn node() -> impl Strategy<Value = Node> + Clone {
    let leaf = string().prop_map(|name| Node { name, kids: Vec::new() });
    leaf.prop_recursive(4, 32, 4, |inner| (string(), vec(inner, 0..4)).prop_map(|(name, kids)| Node { name, kids }))
}

pub fn expr() -> impl Strategy<Value = Expr> + Clone {
    let leaf = any::<i64>().prop_map(Expr::Lit);
    leaf.prop_recursive(6, 48, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Expr::Add(Box::new(a), Box::new(b))),
            inner.prop_map(|e| Expr::Neg(Box::new(e))),
        ]
    })
}

pub fn list() -> impl Strategy<Value = List> + Clone {
    (any::<u32>(), vec(any::<u32>(), 0..12)).prop_map(|(head, rest)| {
        let mut next = None;
        for value in rest.into_iter().rev() {
            next = Some(Box::new(List { value, next }));
        }
        List { value: head, next }
    })
}

pub fn tree<T: Strategy + Clone + 'static>(value: T) -> impl Strategy<Value = Tree<T::Value>> + Clone
where
    T::Value: Clone + std::fmt::Debug,
{
    let leaf = value.clone().prop_map(|value| Tree { value, kids: Vec::new() });
    leaf.prop_recursive(3, 24, 3, move |inner| {
        (value.clone(), vec(inner, 0..3)).prop_map(|(value, kids)| Tree { value, kids })
    })
}

pub fn doc() -> impl Strategy<Value = Doc> + Clone {
    let leaf = prop_oneof![string().prop_map(Doc::Text), node().prop_map(Doc::Tree)];
    leaf.prop_recursive(3, 24, 3, |inner| {
        prop_oneof![vec(inner.clone(), 0..3).prop_map(Doc::Many), btree_map(string(), inner, 0..3).prop_map(Doc::Map)]
    })
}

pub fn other_node() -> impl Strategy<Value = other::Node> + Clone {
    (vec((any::<u8>(), node()), 1..4)).prop_map(|links| {
        let mut next = None;
        for (id, up) in links.into_iter().rev() {
            next = Some(Box::new(other::Node { id, up, next }));
        }
        *next.unwrap()
    })
}

pub fn everything() -> impl Strategy<Value = Everything> {
    (
        (tuple_struct(), id(), transparent(), with_skip(), rename_me(), with_fields()),
        (
            vec(shape(), 0..3),
            node(),
            expr(),
            prop::option::of(list()),
            vec(doc(), 0..2),
            prop::option::of(other_node()),
        ),
    )
        .prop_map(|((tuple, id, transparent, skip, renamed, with), (shapes, node, expr, list, docs, other))| {
            Everything {
                unit: UnitStruct,
                tuple,
                id,
                transparent,
                skip,
                renamed,
                with,
                shapes,
                pair: Pair { a: node, b: expr },
                list,
                docs,
                other,
            }
        })
}
