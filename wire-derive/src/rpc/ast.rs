//! A `#[wire_rpc]` trait read into services and methods, with every rule
//! checked and every error collected.

use crate::attr;
use crate::errors::Errors;
use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::visit::Visit;
use syn::{FnArg, Ident, ItemTrait, Pat, ReceiverKind, ReturnType, TraitItem, Type};

pub struct Service {
    /// The trait as the user wrote it, `#[wire(...)]` attributes removed.
    pub item: ItemTrait,
    /// The service name: the trait ident or `#[wire(name = "...")]`.
    pub name: String,
    pub methods: Vec<Method>,
}

pub struct Method {
    pub ident: Ident,
    /// The qualified wire name.
    pub wire_name: String,
    pub args: Vec<Arg>,
    /// `None` for `-> ()` spelled by omission.
    pub output: Option<Type>,
    pub is_async: bool,
    /// Line of the method name, 0 when the compiler does not tell.
    pub line: usize,
    /// `#[cfg(...)]` attributes of the method, repeated on everything generated for it.
    pub cfgs: Vec<syn::Attribute>,
    /// Takes `&mut self`: no server is generated for the trait.
    pub mutable: bool,
}

pub struct Arg {
    pub name: String,
    /// The binding in generated code (`arg0`, … for patterns).
    pub ident: Ident,
    pub ty: Type,
    /// `#[cfg(...)]` attributes of the parameter.
    pub cfgs: Vec<syn::Attribute>,
    /// `#[wire(since = N)]`: the extension level that introduced it (`None`: a base argument).
    pub since: Option<u16>,
}

/// The `#[wire(since = N)]` parameters of one level.
pub struct Level<'a> {
    pub since: u16,
    pub args: Vec<&'a Arg>,
}

impl Method {
    /// The base arguments: the ones in the args code.
    pub fn base_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.since.is_none())
    }

    /// The extension levels, ascending (parameters are checked to ascend).
    pub fn levels(&self) -> Vec<Level<'_>> {
        let mut levels: Vec<Level> = Vec::new();
        for arg in &self.args {
            let Some(since) = arg.since else { continue };
            match levels.last_mut() {
                Some(level) if level.since == since => level.args.push(arg),
                _ => levels.push(Level { since, args: vec![arg] }),
            }
        }
        levels
    }
}

fn cfgs(attrs: &[syn::Attribute]) -> Vec<syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("cfg")).cloned().collect()
}

/// Where a handler's type borrows: a reference (`&T`), or a lifetime other
/// than `'static` (`Cow<'a, str>`).
enum Borrow<'ast> {
    Reference(&'ast syn::TypeReference),
    Lifetime(&'ast syn::Lifetime),
}

impl Borrow<'_> {
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
}

fn borrows(ty: &Type) -> Option<Borrow<'_>> {
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

/// The type with every named lifetime made `'static`, for the generated
/// consts (no method lifetime is in scope there): a borrow has the code of
/// what it borrows whatever its lifetime. Only `codes_only` traits have
/// such lifetimes (see [`borrowed_error`]).
fn static_lifetimes(ty: &Type) -> Type {
    struct Static;
    impl syn::visit_mut::VisitMut for Static {
        fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
            l.ident = Ident::new("static", l.ident.span());
        }
    }
    let mut ty = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Static, &mut ty);
    ty
}

/// A borrowed type in a trait that gets a server and client: the error at
/// the `&` (or lifetime) saying why, with the owned type to use instead.
/// `arg` is the argument's name, `None` for the return type.
fn borrowed_error(ty: &Type, method: &Ident, arg: Option<&str>) -> Option<(TokenStream, String)> {
    let borrow = borrows(ty)?;
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
    let message = format!(
        "handler `{method}` {what}: the generated {side} into an owned value (`DeserializeOwned`), which a \
         borrowed type is not; {fix}, or mark the trait `#[wire_rpc(codes_only)]` to compute only its codes, \
         with no server or client"
    );
    let at = match borrow {
        Borrow::Reference(r) => r.to_token_stream(),
        Borrow::Lifetime(l) => l.to_token_stream(),
    };
    Some((at, message))
}

impl Service {
    /// Reads the trait; `codes_only` traits may borrow (they get no server or client).
    pub fn from_syn(mut item: ItemTrait, codes_only: bool, errors: &Errors) -> Service {
        let trait_name = attr::take_wire_name(&mut item.attrs, errors, "`name = \"Service\"`");
        let name = trait_name.as_ref().map(|l| l.value()).unwrap_or_else(|| item.ident.to_string());
        if !item.generics.params.is_empty() {
            errors.error(
                &item.generics,
                "a wire service cannot be generic: each handler needs one fixed argument layout",
            );
        }
        let mut methods: Vec<Method> = Vec::new();
        let mut seen: Vec<(String, Ident)> = Vec::new();
        for trait_item in &mut item.items {
            let TraitItem::Fn(f) = trait_item else { continue };
            let method_name = attr::take_wire_name(&mut f.attrs, errors, "`name = \"Service::method\"`");
            let wire_name = match &method_name {
                Some(lit) => lit.value(),
                None => format!("{name}::{}", f.sig.ident.to_string().trim_start_matches("r#")),
            };
            if let Some((_, first)) = seen.iter().find(|(n, _)| *n == wire_name) {
                let at: Box<dyn quote::ToTokens> = match &method_name {
                    Some(lit) => Box::new(lit.clone()),
                    None => Box::new(f.sig.ident.clone()),
                };
                errors.error(
                    at,
                    format!(
                        "duplicate wire name `{wire_name}`: method `{first}` already has it, and one name \
                         is one function id; give one of them a distinct #[wire(name = \"...\")]"
                    ),
                );
            } else {
                seen.push((wire_name.clone(), f.sig.ident.clone()));
            }
            if let Some(mut method) = Method::from_sig(&mut f.sig, wire_name, codes_only, errors) {
                method.cfgs = cfgs(&f.attrs);
                methods.push(method);
            }
        }
        Service { item, name, methods }
    }
}

impl Method {
    fn from_sig(sig: &mut syn::Signature, wire_name: String, codes_only: bool, errors: &Errors) -> Option<Method> {
        let since: Vec<Option<(u16, syn::LitInt)>> = sig
            .inputs
            .iter_mut()
            .map(|input| match input {
                FnArg::Typed(pt) => attr::take_since(&mut pt.attrs, errors),
                FnArg::Receiver(r) => {
                    if let Some((_, lit)) = attr::take_since(&mut r.attrs, errors) {
                        errors.error(&lit, "`#[wire(since = N)]` goes on a parameter, not on the receiver");
                    }
                    None
                }
            })
            .collect();
        let sig = &*sig;
        let ident = &sig.ident;
        let mut ok = true;
        let mut fail = |tokens: &dyn quote::ToTokens, msg: String| {
            errors.error(tokens, msg);
            ok = false;
        };
        let mut mutable = false;
        match sig.inputs.first() {
            Some(FnArg::Receiver(r)) => {
                mutable = matches!(r.kind, ReceiverKind::Reference(_, _, Some(_)));
                if !matches!(r.kind, ReceiverKind::Reference(..)) {
                    fail(r, format!("handler `{ident}` must take `&self` or `&mut self`: a service serves many calls"));
                }
            }
            _ => fail(
                ident,
                format!(
                    "handler `{ident}` has no receiver: a wire handler is called on a service instance, \
                     so it must take `&self` (or `&mut self`)"
                ),
            ),
        }
        if let Some(param) = sig.generics.params.iter().find(|p| !matches!(p, syn::GenericParam::Lifetime(_))) {
            fail(
                param,
                format!(
                    "handler `{ident}` is generic: a wire handler has one fixed argument layout, \
                     so its parameters must be concrete types"
                ),
            );
        }
        if let Some(v) = &sig.variadic {
            fail(v, format!("handler `{ident}` is variadic"));
        }
        let mut args = Vec::new();
        // The last `since` parameter seen: (level, literal, name).
        let mut last_since: Option<(u16, &syn::LitInt, String)> = None;
        for (i, input) in sig.inputs.iter().enumerate() {
            let FnArg::Typed(pt) = input else { continue };
            let (name, binding) = match &*pt.pat {
                Pat::Ident(p) => (p.ident.to_string().trim_start_matches("r#").to_owned(), p.ident.clone()),
                _ => (format!("arg{}", i - 1), quote::format_ident!("arg{}", i - 1)),
            };
            let since = since[i].as_ref();
            match (since, &last_since) {
                (None, Some((level, _, after))) => fail(
                    &pt.pat,
                    format!(
                        "base parameter `{name}` of handler `{ident}` after `#[wire(since = {level})]` parameter \
                         `{after}`: base parameters are the frozen argument list and come first; move `{name}` \
                         before `{after}`, or mark it `#[wire(since = N)]` with the release that adds it"
                    ),
                ),
                (Some((n, lit)), Some((level, _, after))) if n < level => fail(
                    lit,
                    format!(
                        "`since = {n}` after `since = {level}` (`{after}`) in handler `{ident}`: extension \
                         levels ascend in parameter order, a newer parameter goes last"
                    ),
                ),
                _ => {}
            }
            if let Some((n, lit)) = since {
                last_since = Some((*n, lit, name.clone()));
            }
            if !check_type(&pt.ty, ident, "argument", &mut fail) {
                continue;
            }
            // Borrowed types have codes, but no server or client can decode
            // them: only a `codes_only` trait may have them.
            let borrowed = if codes_only { None } else { borrowed_error(&pt.ty, ident, Some(&name)) };
            if let Some((at, message)) = borrowed {
                fail(&at, message);
            } else {
                let since = since.map(|(n, _)| *n);
                args.push(Arg { name, ident: binding, ty: static_lifetimes(&pt.ty), cfgs: cfgs(&pt.attrs), since });
            }
        }
        let output = match &sig.output {
            ReturnType::Default => None,
            ReturnType::Type(_, ty) => {
                if check_type(ty, ident, "return", &mut fail)
                    && !codes_only
                    && let Some((at, message)) = borrowed_error(ty, ident, None)
                {
                    fail(&at, message);
                }
                Some(static_lifetimes(ty))
            }
        };
        let line = ident.span().start().line;
        ok.then(|| Method {
            ident: ident.clone(),
            wire_name,
            args,
            output,
            is_async: sig.asyncness.is_some(),
            line,
            cfgs: Vec::new(),
            mutable,
        })
    }
}

/// Rejects `impl Trait` and `Self` anywhere in a handler's type.
fn check_type(ty: &Type, method: &Ident, what: &str, fail: &mut impl FnMut(&dyn quote::ToTokens, String)) -> bool {
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
        fail(
            impl_trait,
            format!(
                "`impl Trait` in the {what} type of handler `{method}` has no fixed wire shape; name a concrete type"
            ),
        );
        return false;
    }
    if let Some(span) = find.self_ty {
        fail(
            &syn::Ident::new("Self", span),
            format!(
                "the {what} type of handler `{method}` mentions `Self`: the wire shape must not depend on \
                 the implementor; name a concrete type"
            ),
        );
        return false;
    }
    true
}
