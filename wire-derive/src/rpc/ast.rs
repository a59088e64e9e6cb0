//! A `#[wire_rpc]` trait read into a service and its methods, with every
//! name the expansion writes computed once. Reading never fails: whether
//! the service can be generated is [`check`](super::check)'s to say.

use crate::attr::{self, RpcArgs, WireKeys};
use quote::format_ident;
use syn::{FnArg, Ident, ItemTrait, LitInt, LitStr, Pat, ReceiverKind, ReturnType, TraitItem, Type};

pub struct Service {
    /// The trait as the user wrote it, `#[wire(...)]` attributes removed.
    pub item: ItemTrait,
    pub args: RpcArgs,
    /// `#[wire(name = "...")]` on the trait.
    pub name_keys: WireKeys<LitStr>,
    /// The service name: the trait ident or `#[wire(name = "...")]`.
    pub name: String,
    /// `<Trait>Rpc`, `<Trait>Server` and `<Trait>Client`.
    pub rpc: Ident,
    pub server: Ident,
    pub client: Ident,
    pub methods: Vec<Method>,
}

pub struct Method {
    /// The signature, `#[wire(...)]` attributes removed.
    pub sig: syn::Signature,
    pub ident: Ident,
    /// The method's name without `r#`.
    pub name: String,
    /// `#[wire(name = "...")]` on the method.
    pub name_keys: WireKeys<LitStr>,
    /// The qualified wire name.
    pub wire_name: String,
    /// `md5_32(wire name)`, what `wire_core::function_id` computes, as the
    /// literal the generated code writes (no const evaluation of MD5).
    pub function_id: LitInt,
    /// `#[wire(since = N)]` on the receiver, which check refuses.
    pub receiver_since: WireKeys<LitInt>,
    pub args: Vec<Arg>,
    /// The return type with `'static` lifetimes; `None` for `-> ()` spelled by omission.
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
    /// The parameter as written (pattern and type), `#[wire(...)]` removed.
    pub written: syn::PatType,
    pub name: String,
    /// The binding in generated code (`arg0`, … for patterns).
    pub ident: Ident,
    /// The type with `'static` lifetimes (see [`static_lifetimes`]).
    pub ty: Type,
    /// `#[cfg(...)]` attributes of the parameter.
    pub cfgs: Vec<syn::Attribute>,
    /// `#[wire(since = N)]` as written.
    pub since_keys: WireKeys<LitInt>,
    /// The extension level that introduced it (`None`: a base argument).
    pub since: Option<Since>,
}

/// The level of a `#[wire(since = N)]` parameter, with the literal.
pub struct Since {
    pub level: u16,
    pub lit: LitInt,
}

/// The `#[wire(since = N)]` parameters of one level.
pub struct Level<'a> {
    pub since: u16,
    pub args: Vec<&'a Arg>,
}

impl Service {
    pub fn from_syn(mut item: ItemTrait, args: RpcArgs) -> Service {
        let name_keys = attr::take_wire_name(&mut item.attrs, "`name = \"Service\"`");
        let name = match name_keys.values.last() {
            Some((_, lit)) => lit.value(),
            None => item.ident.to_string(),
        };
        let methods = item
            .items
            .iter_mut()
            .filter_map(|trait_item| match trait_item {
                TraitItem::Fn(f) => Some(Method::from_syn(f, &name)),
                _ => None,
            })
            .collect();
        let ident = &item.ident;
        let (rpc, server, client) =
            (format_ident!("{}Rpc", ident), format_ident!("{}Server", ident), format_ident!("{}Client", ident));
        Service { item, args, name_keys, name, rpc, server, client, methods }
    }

    /// Whether a server is generated: not for `codes_only`, nor when a
    /// method takes `&mut self`.
    pub fn has_server(&self) -> bool {
        !self.args.codes_only && !self.methods.iter().any(|m| m.mutable)
    }
}

impl Method {
    fn from_syn(f: &mut syn::TraitItemFn, service: &str) -> Method {
        let name_keys = attr::take_wire_name(&mut f.attrs, "`name = \"Service::method\"`");
        let cfgs = cfgs(&f.attrs);
        let sig = &mut f.sig;
        let ident = sig.ident.clone();
        let name = unraw(&ident);
        let wire_name = match name_keys.values.last() {
            Some((_, lit)) => lit.value(),
            None => format!("{service}::{name}"),
        };
        let id = crate::md5::md5_32(wire_name.as_bytes());
        let function_id = LitInt::new(&format!("{id:#010x}_u32"), ident.span());
        let mut receiver_since = WireKeys { values: Vec::new(), problems: Vec::new() };
        let mut mutable = false;
        let mut args = Vec::new();
        for input in &mut sig.inputs {
            match input {
                FnArg::Receiver(r) => {
                    receiver_since = attr::take_since(&mut r.attrs);
                    mutable = matches!(r.kind, ReceiverKind::Reference(_, _, Some(_)));
                }
                FnArg::Typed(pt) => {
                    let since_keys = attr::take_since(&mut pt.attrs);
                    args.push(Arg::from_syn(pt.clone(), args.len(), since_keys));
                }
            }
        }
        let output = match &sig.output {
            ReturnType::Default => None,
            ReturnType::Type(_, ty) => Some(static_lifetimes(ty)),
        };
        Method {
            line: ident.span().start().line,
            is_async: sig.asyncness.is_some(),
            sig: sig.clone(),
            ident,
            name,
            name_keys,
            wire_name,
            function_id,
            receiver_since,
            args,
            output,
            cfgs,
            mutable,
        }
    }

    /// The base arguments: the ones in the args code.
    pub fn base_args(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.since.is_none())
    }

    /// The extension levels, ascending (parameters are checked to ascend).
    pub fn levels(&self) -> Vec<Level<'_>> {
        let mut levels: Vec<Level> = Vec::new();
        for arg in &self.args {
            let Some(since) = arg.since.as_ref().map(|s| s.level) else { continue };
            match levels.last_mut() {
                Some(level) if level.since == since => level.args.push(arg),
                _ => levels.push(Level { since, args: vec![arg] }),
            }
        }
        levels
    }
}

impl Arg {
    /// The parameter at `index` among the typed ones.
    fn from_syn(written: syn::PatType, index: usize, since_keys: WireKeys<LitInt>) -> Arg {
        let (name, ident) = match &*written.pat {
            Pat::Ident(p) => (unraw(&p.ident), p.ident.clone()),
            _ => (format!("arg{index}"), format_ident!("arg{index}")),
        };
        Arg {
            name,
            ident,
            ty: static_lifetimes(&written.ty),
            cfgs: cfgs(&written.attrs),
            since: since(&since_keys),
            since_keys,
            written,
        }
    }
}

/// The level `#[wire(since = N)]` gives: the first N from 1 to 65535 (check
/// reports every other one).
pub fn since(keys: &WireKeys<LitInt>) -> Option<Since> {
    keys.values.iter().find_map(|(_, lit)| match lit.base10_parse::<u16>() {
        Ok(level) if level > 0 => Some(Since { level, lit: lit.clone() }),
        _ => None,
    })
}

fn cfgs(attrs: &[syn::Attribute]) -> Vec<syn::Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("cfg")).cloned().collect()
}

fn unraw(ident: &Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_owned()
}

/// The type with every named lifetime made `'static`, for the generated
/// consts (no method lifetime is in scope there): a borrow has the code of
/// what it borrows whatever its lifetime. Only `codes_only` traits have
/// such lifetimes (check refuses them elsewhere).
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
