//! Type rewriting for the generated schema: direct self-recursion and bounds.

use syn::visit::Visit;
use syn::visit_mut::VisitMut;
use syn::{Generics, Ident, PathArguments, Type, TypePath};

/// The marker type standing for the deriving type inside its own fields.
pub const SELF_MARKER: &str = "__WireSelf";

/// Replaces `Self` and the deriving type itself (`Node`, or `Tree<T>` with the
/// same parameters in the same order) by the self marker. Returns whether
/// anything was replaced.
pub fn replace_self(ty: &mut Type, ident: &Ident, generics: &Generics) -> bool {
    let mut v = ReplaceSelf { ident, params: param_names(generics), replaced: false };
    v.visit_type_mut(ty);
    v.replaced
}

struct ReplaceSelf<'a> {
    ident: &'a Ident,
    params: Vec<String>,
    replaced: bool,
}

impl ReplaceSelf<'_> {
    fn is_self(&self, tp: &TypePath) -> bool {
        if tp.qself.is_some() || tp.path.leading_colon.is_some() || tp.path.segments.len() != 1 {
            return false;
        }
        let seg = &tp.path.segments[0];
        if seg.ident == "Self" && seg.arguments.is_none() {
            return true;
        }
        if seg.ident != *self.ident {
            return false;
        }
        let args: Vec<String> = match &seg.arguments {
            PathArguments::None => Vec::new(),
            PathArguments::AngleBracketed(a) => a.args.iter().map(|a| quote::quote!(#a).to_string()).collect(),
            PathArguments::Parenthesized(_) => return false,
        };
        args == self.params
    }
}

impl VisitMut for ReplaceSelf<'_> {
    fn visit_type_mut(&mut self, ty: &mut Type) {
        if let Type::Path(tp) = ty
            && self.is_self(tp)
        {
            let marker = Ident::new(SELF_MARKER, self.ident.span());
            *ty = syn::parse_quote!(#marker);
            self.replaced = true;
            return;
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

/// Replaces the keyword `Self` by the deriving type's name (a non-generic
/// type, whose definition is written outside its impl).
pub fn replace_self_keyword(ty: &mut Type, ident: &Ident) {
    struct Replace<'a>(&'a Ident);
    impl VisitMut for Replace<'_> {
        fn visit_type_mut(&mut self, ty: &mut Type) {
            if let Type::Path(tp) = ty
                && tp.qself.is_none()
                && tp.path.leading_colon.is_none()
                && tp.path.segments.len() == 1
                && tp.path.segments[0].ident == "Self"
                && tp.path.segments[0].arguments.is_none()
            {
                let ident = Ident::new(&self.0.to_string(), tp.path.segments[0].ident.span());
                *ty = syn::parse_quote!(#ident);
                return;
            }
            syn::visit_mut::visit_type_mut(self, ty);
        }
    }
    Replace(ident).visit_type_mut(ty);
}

fn param_names(generics: &Generics) -> Vec<String> {
    generics
        .params
        .iter()
        .map(|p| match p {
            syn::GenericParam::Type(t) => t.ident.to_string(),
            syn::GenericParam::Lifetime(l) => {
                let lt = &l.lifetime;
                quote::quote!(#lt).to_string()
            }
            syn::GenericParam::Const(c) => c.ident.to_string(),
        })
        .collect()
}

/// The type parameters that occur in `ty` outside `PhantomData<...>`: the ones
/// that need a `Wire` bound (as serde bounds the ones it serializes).
pub fn used_type_params<'a>(ty: &Type, generics: &'a Generics, used: &mut Vec<&'a Ident>) {
    struct Find<'g, 'u> {
        params: Vec<&'g Ident>,
        used: &'u mut Vec<&'g Ident>,
    }
    impl<'ast> Visit<'ast> for Find<'_, '_> {
        fn visit_type_path(&mut self, tp: &'ast TypePath) {
            if let Some(last) = tp.path.segments.last()
                && last.ident == "PhantomData"
            {
                return;
            }
            if tp.qself.is_none() && tp.path.leading_colon.is_none() {
                let seg = &tp.path.segments[0];
                if let Some(p) = self.params.iter().find(|p| **p == &seg.ident)
                    && !self.used.contains(p)
                {
                    self.used.push(p);
                }
            }
            syn::visit::visit_type_path(self, tp);
        }
    }
    let params = generics.type_params().map(|t| &t.ident).collect();
    Find { params, used }.visit_type(ty);
}
