//! `Wire` for the standard library's types (wire spec §2 table).

use crate::Wire;
use crate::contract::schema::{Prim, Schema};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, LinkedList, VecDeque};
use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::Arc;

macro_rules! prim {
    ($($t:ty => $p:ident),* $(,)?) => {$(
        impl Wire for $t {
            const SCHEMA: &'static Schema = &Schema::Prim(Prim::$p);
        }
    )*};
}

prim! {
    i8 => I8, u8 => U8, i16 => I16, u16 => U16, i32 => I32, u32 => U32,
    i64 => I64, u64 => U64, i128 => I128, u128 => U128,
    bool => Bool, char => Char, f32 => F32, f64 => F64,
    // serde writes `usize`/`isize` as `u64`/`i64` on every platform.
    usize => U64, isize => I64,
}

macro_rules! same_as {
    ($(impl[$($g:tt)*] $t:ty => $inner:ty;)*) => {$(
        impl<$($g)*> Wire for $t {
            const SCHEMA: &'static Schema = <$inner as Wire>::SCHEMA;
        }
    )*};
}

// Transparent: the wrapper is not on the wire.
same_as! {
    impl['a, T: Wire + ?Sized] &'a T => T;
    impl['a, T: Wire + ?Sized] &'a mut T => T;
    impl[T: Wire + ?Sized] Box<T> => T;
    impl[T: Wire + ?Sized] Rc<T> => T;
    impl[T: Wire + ?Sized] Arc<T> => T;
    impl['a, T: Wire + ToOwned + ?Sized] Cow<'a, T> => T;
    impl[] String => str;
}

impl Wire for str {
    const SCHEMA: &'static Schema = &Schema::Str;
}

macro_rules! one_param {
    ($(impl[$($g:tt)*] $t:ty => $variant:ident($inner:ty);)*) => {$(
        impl<$($g)*> Wire for $t {
            const SCHEMA: &'static Schema = &Schema::$variant(<$inner as Wire>::SCHEMA);
        }
    )*};
}

one_param! {
    impl[T: Wire] Vec<T> => Seq(T);
    impl[T: Wire] VecDeque<T> => Seq(T);
    impl[T: Wire] LinkedList<T> => Seq(T);
    impl[T: Wire] [T] => Seq(T);
    impl[T: Wire, S] HashSet<T, S> => Set(T);
    impl[T: Wire] BTreeSet<T> => Set(T);
    impl[T: Wire] Option<T> => Option(T);
}

impl<K: Wire, V: Wire, S> Wire for HashMap<K, V, S> {
    const SCHEMA: &'static Schema = &Schema::Map(K::SCHEMA, V::SCHEMA);
}

impl<K: Wire, V: Wire> Wire for BTreeMap<K, V> {
    const SCHEMA: &'static Schema = &Schema::Map(K::SCHEMA, V::SCHEMA);
}

impl<T: Wire, E: Wire> Wire for Result<T, E> {
    const SCHEMA: &'static Schema = &Schema::Result(T::SCHEMA, E::SCHEMA);
}

/// `[T; 0]` carries no bytes under serde, so it is a monostate like `()`.
impl<T: Wire, const N: usize> Wire for [T; N] {
    const SCHEMA: &'static Schema = if N == 0 { &Schema::Unit } else { &Schema::Array(T::SCHEMA, N) };
}

impl<T: ?Sized> Wire for PhantomData<T> {
    const SCHEMA: &'static Schema = &Schema::Unit;
}

impl Wire for () {
    const SCHEMA: &'static Schema = &Schema::Unit;
}

macro_rules! tuples {
    ($(($($t:ident),+))*) => {$(
        impl<$($t: Wire),+> Wire for ($($t,)+) {
            const SCHEMA: &'static Schema = &Schema::Tuple(&[$(<$t as Wire>::SCHEMA),+]);
        }
    )*};
}

tuples! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
    (A, B, C, D, E, F, G, H, I, J, K, L, M)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P)
}
