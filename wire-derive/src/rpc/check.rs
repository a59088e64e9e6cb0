//! Every rule a `#[wire_rpc]` trait must meet, with every error collected
//! in source order: `#[wire_rpc(...)]`, the trait, then each method (its
//! name, its `since` levels, receiver, generics, and each parameter's and
//! the return type).

use super::ast::{self, Arg, Method, Service};
use crate::attr::{RpcArgs, WireKeys};
use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::visit::Visit;
use syn::{FnArg, Ident, LitInt, LitStr, ReceiverKind, ReturnType, Type};

pub fn check(service: &Service) -> syn::Result<()> {
    let errors = Errors::default();
    problems(&service.args.problems, &errors);
    wire_names(&service.name_keys, &errors);
    if !service.item.generics.params.is_empty() {
        errors.error(
            &service.item.generics,
            "a wire service cannot be generic: each handler needs one fixed argument layout",
        );
    }
    // Each wire name with the first method that has it, and its `#[cfg]`s:
    // methods under different `#[cfg]`s may never be compiled together (one
    // shape per build), so only the same conditions make a duplicate here;
    // the registry reports a clash of what is compiled.
    let mut seen: Vec<(&str, String, &Ident)> = Vec::new();
    for m in &service.methods {
        wire_names(&m.name_keys, &errors);
        let cfgs = m.cfgs.iter().map(|c| c.to_token_stream().to_string()).collect::<Vec<_>>().join(" ");
        match seen.iter().find(|(name, when, _)| *name == m.wire_name && *when == cfgs) {
            Some((_, _, first)) => duplicate(m, first, &errors),
            None => seen.push((&m.wire_name, cfgs, &m.ident)),
        }
        method(m, service.args.codes_only, &errors);
    }
    errors.check()
}

/// The input is not a trait: that, after the problems of `#[wire_rpc(...)]`.
pub fn not_a_trait(args: &RpcArgs, parse: &syn::Error) -> syn::Error {
    let errors = Errors::default();
    problems(&args.problems, &errors);
    errors.push(syn::Error::new(
        parse.span(),
        "#[wire_rpc] applies to a trait of handlers (`trait Service { fn m(&self, ...) -> R; }`)",
    ));
    errors.check().expect_err("an error was just pushed")
}

/// What the attribute reader could not read.
fn problems(problems: &[syn::Error], errors: &Errors) {
    problems.iter().for_each(|e| errors.push(e.clone()));
}

/// `#[wire(name = "...")]`: once, non-empty, writable unquoted.
fn wire_names(keys: &WireKeys<LitStr>, errors: &Errors) {
    problems(&keys.problems, errors);
    for (i, (key, lit)) in keys.values.iter().enumerate() {
        let value = lit.value();
        if value.is_empty() {
            errors.error(lit, "a wire name cannot be empty: it is hashed into the function id");
        } else if let Some(c) = value.chars().find(|c| c.is_whitespace() || c.is_control() || "\"()".contains(*c)) {
            errors.error(
                lit,
                format!(
                    "a wire name cannot contain {c:?}: names are written unquoted in the frozen \
                     contract file (e.g. \"ns::Class::Method\")"
                ),
            );
        }
        if i > 0 {
            errors.error(
                key,
                "the wire name is given twice: a handler has one name, hashed into one function id; keep one `name = ...`",
            );
        }
    }
}

/// A second method with `first`'s wire name: at its `#[wire(name)]`, or at its name.
fn duplicate(m: &Method, first: &Ident, errors: &Errors) {
    let at = match m.name_keys.values.last() {
        Some((_, lit)) => lit.to_token_stream(),
        None => m.ident.to_token_stream(),
    };
    errors.error(
        at,
        format!(
            "duplicate wire name `{}`: method `{first}` already has it, and one name is one function id; \
             give one of them a distinct #[wire(name = \"...\")]",
            m.wire_name
        ),
    );
}

/// `#[wire(since = N)]`: once, from 1 to 65535.
fn since_keys(keys: &WireKeys<LitInt>, errors: &Errors) {
    problems(&keys.problems, errors);
    let mut level = None;
    for (key, lit) in &keys.values {
        match lit.base10_parse::<u16>() {
            Ok(0) => errors.error(
                lit,
                "`since = 0` is the base argument list: extension levels start at 1 \
                 (the release that introduced the parameter)",
            ),
            Ok(n) if level.is_some() => errors.error(key, format!("`since` is given twice (again as {n}): keep one")),
            Ok(n) => level = Some(n),
            Err(_) => errors.error(lit, "`since` is an extension level from 1 to 65535"),
        }
    }
}

fn method(m: &Method, codes_only: bool, errors: &Errors) {
    let ident = &m.ident;
    since_keys(&m.receiver_since, errors);
    if let Some(since) = ast::since(&m.receiver_since) {
        errors.error(&since.lit, "`#[wire(since = N)]` goes on a parameter, not on the receiver");
    }
    m.args.iter().for_each(|a| since_keys(&a.since_keys, errors));
    match m.sig.inputs.first() {
        Some(FnArg::Receiver(r)) => {
            if !matches!(r.kind, ReceiverKind::Reference(..)) {
                errors.error(
                    r,
                    format!("handler `{ident}` must take `&self` or `&mut self`: a service serves many calls"),
                );
            }
        }
        _ => errors.error(
            ident,
            format!(
                "handler `{ident}` has no receiver: a wire handler is called on a service instance, \
                 so it must take `&self` (or `&mut self`)"
            ),
        ),
    }
    if let Some(param) = m.sig.generics.params.iter().find(|p| !matches!(p, syn::GenericParam::Lifetime(_))) {
        errors.error(
            param,
            format!(
                "handler `{ident}` is generic: a wire handler has one fixed argument layout, \
                 so its parameters must be concrete types"
            ),
        );
    }
    if let Some(v) = &m.sig.variadic {
        errors.error(v, format!("handler `{ident}` is variadic"));
    }
    // The last `since` parameter before each one, with its level.
    let mut last_since: Option<(&Arg, u16)> = None;
    for arg in &m.args {
        order(arg, last_since, ident, errors);
        if let Some(since) = &arg.since {
            last_since = Some((arg, since.level));
        }
        // Borrowed types have codes, but no server or client can decode
        // them: only a `codes_only` trait may have them.
        if concrete(&arg.written.ty, ident, "argument", errors) && !codes_only {
            borrowed(&arg.written.ty, ident, Some(&arg.name), errors);
        }
    }
    if let ReturnType::Type(_, ty) = &m.sig.output
        && concrete(ty, ident, "return", errors)
        && !codes_only
    {
        borrowed(ty, ident, None, errors);
    }
}

/// Base parameters first, then `since` levels in non-decreasing order.
fn order(arg: &Arg, last_since: Option<(&Arg, u16)>, method: &Ident, errors: &Errors) {
    let Some((after, level)) = last_since else { return };
    let name = &arg.name;
    match &arg.since {
        None => errors.error(
            &arg.written.pat,
            format!(
                "base parameter `{name}` of handler `{method}` after `#[wire(since = {level})]` parameter \
                 `{after}`: base parameters are the frozen argument list and come first; move `{name}` \
                 before `{after}`, or mark it `#[wire(since = N)]` with the release that adds it",
                after = after.name
            ),
        ),
        Some(since) if since.level < level => errors.error(
            &since.lit,
            format!(
                "`since = {n}` after `since = {level}` (`{after}`) in handler `{method}`: extension \
                 levels ascend in parameter order, a newer parameter goes last",
                n = since.level,
                after = after.name
            ),
        ),
        Some(_) => {}
    }
}

/// Rejects `impl Trait` and `Self` anywhere in a handler's type; false if it did.
fn concrete(ty: &Type, method: &Ident, what: &str, errors: &Errors) -> bool {
    #[derive(Default)]
    struct Find<'ast> {
        impl_trait: Option<&'ast syn::TypeImplTrait>,
        self_ty: Option<Span>,
    }
    impl<'ast> Visit<'ast> for Find<'ast> {
        fn visit_type_impl_trait(&mut self, t: &'ast syn::TypeImplTrait) {
            self.impl_trait.get_or_insert(t);
        }
        fn visit_path_segment(&mut self, seg: &'ast syn::PathSegment) {
            if seg.ident == "Self" {
                self.self_ty.get_or_insert(seg.ident.span());
            }
            syn::visit::visit_path_segment(self, seg);
        }
    }
    let mut find = Find::default();
    find.visit_type(ty);
    if let Some(impl_trait) = find.impl_trait {
        // The whole `impl Trait` type, not only its first token.
        errors.error(
            impl_trait,
            format!(
                "`impl Trait` in the {what} type of handler `{method}` has no fixed wire shape; name a concrete type"
            ),
        );
        return false;
    }
    if let Some(span) = find.self_ty {
        errors.error(
            Ident::new("Self", span),
            format!(
                "the {what} type of handler `{method}` mentions `Self`: the wire shape must not depend on \
                 the implementor; name a concrete type"
            ),
        );
        return false;
    }
    true
}

/// Where a handler's type borrows: a reference (`&T`), or a lifetime other
/// than `'static` (`Cow<'a, str>`).
enum Borrow<'ast> {
    Reference(&'ast syn::TypeReference),
    Lifetime(&'ast syn::Lifetime),
}

impl Borrow<'_> {
    fn find(ty: &Type) -> Option<Borrow<'_>> {
        #[derive(Default)]
        struct Find<'ast>(Option<Borrow<'ast>>);
        impl<'ast> Visit<'ast> for Find<'ast> {
            fn visit_type_reference(&mut self, r: &'ast syn::TypeReference) {
                if self.0.is_none() {
                    self.0 = Some(Borrow::Reference(r));
                }
            }
            fn visit_lifetime(&mut self, l: &'ast syn::Lifetime) {
                if self.0.is_none() && l.ident != "static" {
                    self.0 = Some(Borrow::Lifetime(l));
                }
            }
        }
        let mut f = Find::default();
        f.visit_type(ty);
        f.0
    }

    /// The owned type with the same wire code, as the fix.
    fn owned(&self) -> String {
        match self {
            Borrow::Reference(r) => match &*r.elem {
                Type::Path(p) if p.qself.is_none() && p.path.is_ident("str") => "String".into(),
                Type::Slice(s) => {
                    let elem = &s.elem;
                    format!("Vec<{}>", quote::quote!(#elem)).replace(' ', "")
                }
                elem => quote::quote!(#elem).to_string().replace(' ', ""),
            },
            Borrow::Lifetime(_) => "a type that owns its data".into(),
        }
    }

    fn tokens(&self) -> TokenStream {
        match self {
            Borrow::Reference(r) => r.to_token_stream(),
            Borrow::Lifetime(l) => l.to_token_stream(),
        }
    }
}

/// A borrowed type in a trait that gets a server and client: the error at
/// the `&` (or lifetime) saying why, with the owned type to use instead.
/// `arg` is the argument's name, `None` for the return type.
fn borrowed(ty: &Type, method: &Ident, arg: Option<&str>, errors: &Errors) {
    let Some(borrow) = Borrow::find(ty) else { return };
    let (what, side, verb) = match arg {
        Some(name) => (format!("takes `{name}` as a borrowed type"), "server decodes every argument", "take"),
        None => ("returns a borrowed type".to_owned(), "client decodes the reply", "return"),
    };
    let fix = match &borrow {
        Borrow::Reference(_) => {
            format!("{verb} `{}` instead (the same wire code, so the contract does not change)", borrow.owned())
        }
        Borrow::Lifetime(_) => format!("{verb} {} instead (no lifetime, or `'static`)", borrow.owned()),
    };
    errors.error(
        borrow.tokens(),
        format!(
            "handler `{method}` {what}: the generated {side} into an owned value (`DeserializeOwned`), which a \
             borrowed type is not; {fix}, or mark the trait `#[wire_rpc(codes_only)]` to compute only its codes, \
             with no server or client"
        ),
    );
}
