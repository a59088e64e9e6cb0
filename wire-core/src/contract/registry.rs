//! The handler registry: one [`Handler`] per `#[wire_rpc]` method, submitted
//! through `inventory`, gathered by [`Contract::current`].

use super::schema::{Field, Schema};
use core::fmt;

/// One registered handler: everything the wire knows about a method.
///
/// `#[wire_rpc]` writes one per trait method as an associated const of the
/// generated `<Trait>Rpc` item, so every figure here is available in `const`:
///
/// ```
/// use wire_core::{function_id, wire_rpc};
///
/// #[wire_rpc]
/// pub trait HelloService {
///     fn hello(&self, name: String) -> String;
/// }
///
/// const ID: u32 = HelloServiceRpc::hello.function_id;
/// const _: () = assert!(ID == function_id("HelloService::hello"));
/// assert_eq!(HelloServiceRpc::hello.args_code, <String as wire_core::Wire>::CODE);
/// ```
#[derive(Debug)]
pub struct Handler {
    /// The service (trait) name: the trait ident or its `#[wire(name = "...")]`.
    pub service: &'static str,
    /// The Rust method name.
    pub method: &'static str,
    /// The qualified wire name, hashed into the function id: `"Service::method"`
    /// unless the method has `#[wire(name = "...")]`.
    pub name: &'static str,
    /// `md5_32(name)`.
    pub function_id: u32,
    /// Code of the base argument tuple (receiver and `#[wire(since)]` parameters excluded).
    pub args_code: u32,
    /// Code of the return type (`()` when the method returns nothing).
    pub return_code: u32,
    /// The base arguments, named as in the signature (`arg0`, … for patterns).
    pub args: &'static [Field],
    /// The `#[wire(since = N)]` parameters, one group per level, ascending.
    pub ext: &'static [ExtGroup],
    /// The return type (the future's output for `async fn`).
    pub returns: &'static Schema,
    /// Whether the method is an `async fn`.
    pub is_async: bool,
    /// Where the method is defined.
    pub location: Location,
}

/// Where a handler is defined: crate, module, file and line of the method name.
#[derive(Debug, Clone, Copy)]
pub struct Location {
    /// The defining crate (`CARGO_PKG_NAME`).
    pub krate: &'static str,
    /// The module of the trait.
    pub module: &'static str,
    /// The source file of the trait.
    pub file: &'static str,
    /// The line of the method's name.
    pub line: u32,
}

impl Handler {
    /// The highest `#[wire(since = N)]` level this handler understands (0: none).
    pub fn ext_level(&self) -> u16 {
        self.ext.last().map_or(0, |g| g.since)
    }

    /// The literal of the argument tuple.
    pub fn args_literal(&self) -> Vec<u8> {
        crate::contract::literal::args_literal(self.args)
    }

    /// The literal of the return type.
    pub fn return_literal(&self) -> Vec<u8> {
        self.returns.literal()
    }
}

impl fmt::Display for Handler {
    /// `Service::method (crate, file:line)`: how errors point at a handler.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = &self.location;
        write!(f, "`{}` ({}, {}:{})", self.name, at.krate, at.file, at.line)
    }
}

/// The handlers of one `#[wire_rpc]` trait, registered as one item: each
/// registration is a static plus a constructor function, and one per trait
/// instead of one per method is measurably less to compile.
#[doc(hidden)]
pub struct HandlerSet(pub &'static [&'static Handler]);

inventory::collect!(HandlerSet);

/// The wire contract of this binary: every registered handler, sorted by
/// qualified name, with function ids known to be distinct.
#[derive(Debug, Clone)]
pub struct Contract {
    by_name: Vec<&'static Handler>,
    by_id: Vec<&'static Handler>,
}

impl Contract {
    /// Every handler registered with `#[wire_rpc]` in the crates linked into this binary.
    ///
    /// Fails when two handlers share a function id (the same wire name twice,
    /// or an MD5 collision), naming both.
    pub fn current() -> Result<Contract, ContractError> {
        Contract::from_handlers(Contract::registered())
    }

    /// Every handler registered in this binary, unsorted and unchecked: what
    /// [`current`](Contract::current) checks. For a contract over some of
    /// them (one crate's, say), filter these and pass them to
    /// [`from_handlers`](Contract::from_handlers).
    ///
    /// ```
    /// #[wire_core::wire_rpc(codes_only)]
    /// pub trait RegisteredExample {
    ///     fn ping(&self) -> u64;
    /// }
    ///
    /// let mine = wire_core::Contract::registered().filter(|h| h.service == "RegisteredExample");
    /// let contract = wire_core::Contract::from_handlers(mine).unwrap();
    /// assert_eq!(contract.handlers().len(), 1);
    /// ```
    pub fn registered() -> impl Iterator<Item = &'static Handler> {
        inventory::iter::<HandlerSet>.into_iter().flat_map(|set| set.0.iter().copied())
    }

    /// A contract over the given handlers (the registry, or a hand-picked set).
    pub fn from_handlers<I>(handlers: I) -> Result<Contract, ContractError>
    where
        I: IntoIterator<Item = &'static Handler>,
    {
        let mut by_id: Vec<&'static Handler> = handlers.into_iter().collect();
        by_id.sort_unstable_by(|a, b| {
            let at = |h: &Handler| (h.function_id, h.name, h.location.file, h.location.line);
            at(a).cmp(&at(b))
        });
        let collisions: Vec<Collision> = by_id
            .windows(2)
            .filter(|w| w[0].function_id == w[1].function_id)
            .map(|w| Collision { first: w[0], second: w[1] })
            .collect();
        if !collisions.is_empty() {
            return Err(ContractError { collisions });
        }
        let mut by_name = by_id.clone();
        by_name.sort_unstable_by(|a, b| a.name.cmp(b.name));
        Ok(Contract { by_name, by_id })
    }

    /// The handlers, sorted by qualified name.
    pub fn handlers(&self) -> &[&'static Handler] {
        &self.by_name
    }

    /// The handler with this qualified wire name.
    pub fn get(&self, name: &str) -> Option<&'static Handler> {
        let i = self.by_name.binary_search_by(|h| h.name.cmp(name)).ok()?;
        Some(self.by_name[i])
    }

    /// The handler with this function id.
    pub fn by_id(&self, function_id: u32) -> Option<&'static Handler> {
        let i = self.by_id.binary_search_by(|h| h.function_id.cmp(&function_id)).ok()?;
        Some(self.by_id[i])
    }

    /// The handlers of one service, sorted by qualified name.
    pub fn service<'a>(&'a self, service: &'a str) -> impl Iterator<Item = &'static Handler> + 'a {
        self.by_name.iter().copied().filter(move |h| h.service == service)
    }

    /// Number of handlers.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether no handler is registered.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// Two handlers claim one function id.
#[derive(Debug, Clone)]
pub struct Collision {
    /// The handler that sorts first.
    pub first: &'static Handler,
    /// The other one.
    pub second: &'static Handler,
}

/// [`Contract::current`] found function ids claimed more than once.
#[derive(Debug, Clone)]
pub struct ContractError {
    /// Every clash, by function id.
    pub collisions: Vec<Collision>,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, c) in self.collisions.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            let why = if c.first.name == c.second.name {
                "the same wire name is registered twice: give one a distinct #[wire(name = \"...\")]"
            } else {
                "an MD5 collision between two names: rename one with #[wire(name = \"...\")]"
            };
            write!(
                f,
                "ERROR function id {:#010x} claimed by {} and {}: {why}",
                c.first.function_id, c.first, c.second
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for ContractError {}

/// The `#[wire(since = N)]` parameters of one level of a handler.
#[derive(Debug)]
pub struct ExtGroup {
    /// The release (extension level) that introduced them; at least 1.
    pub since: u16,
    /// The parameters, in declaration order.
    pub args: &'static [Field],
    /// `args_code(args)`: what both peers must agree on for this level.
    pub code: u32,
}
