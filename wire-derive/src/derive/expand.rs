//! `#[derive(Wire)]`: writes the const schema tree of a checked struct or
//! enum, and its `Wire` impl.

use super::ast::{Data, Field, Input, Style, Variant};
use super::types::{self, SELF_MARKER};
use crate::attr::Repr;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Member};

/// The `Wire` impl of a checked input.
pub fn derive(input: &Input) -> TokenStream {
    if input.attrs.c_enum.is_some() {
        return super::cpp::c_enum(input);
    }
    let generic = !input.generics.params.is_empty();
    let mut cx = Cx { input, generic, recursive: false, bounded: Vec::new() };
    let schema = cx.container();
    cx.finish(schema)
}

struct Cx<'a> {
    input: &'a Input<'a>,
    /// Whether the type has generic parameters: its definition cannot live in a
    /// `static`, so it refers to itself through the self marker.
    generic: bool,
    /// Whether a field mentions the type itself (needs the self marker).
    recursive: bool,
    /// Type parameters that get a `Wire` bound.
    bounded: Vec<&'a Ident>,
}

/// What the derive describes the type as.
enum Described {
    /// A definition: `Schema::#kind(DefRef::new(&::wire_core::#def_ty { type_args, #def }))`.
    Def { kind: &'static str, def_ty: &'static str, def: TokenStream },
    /// Another schema (`#[wire(as = ...)]`, `#[wire(opaque = ...)]` on the type).
    Schema(TokenStream),
}

impl<'a> Cx<'a> {
    fn container(&mut self) -> Described {
        let input = self.input;
        if let Some(repr) = input.attrs.repr() {
            return Described::Schema(self.repr(repr));
        }
        let name = input.attrs.rename.clone().unwrap_or_else(|| input.ident.to_string());
        match &input.data {
            Data::Struct(style, fields) => {
                if input.attrs.transparent {
                    // Checked: exactly one field is on the wire.
                    let field = fields.iter().find(|f| !f.attrs.skip).expect("checked");
                    let inner = self.field_schema(field);
                    return newtype(&name, inner);
                }
                match style {
                    // serde writes a newtype struct's field even when it is marked skip
                    // (a trivial one is a struct of one field: C++ has no newtypes).
                    Style::Newtype if input.attrs.trivial.is_none() => {
                        let inner = self.field_schema(&fields[0]);
                        newtype(&name, inner)
                    }
                    _ => {
                        let style = match style {
                            Style::Unit => quote!(Unit),
                            Style::Named => quote!(Named),
                            Style::Newtype | Style::Tuple => quote!(Tuple),
                        };
                        let fields = self.fields(fields, input.attrs.rename_all);
                        let trivial = input.attrs.trivial.is_some();
                        let def = quote! {
                            name: #name,
                            path: __WIRE_PATH,
                            style: ::wire_core::Style::#style,
                            trivial: #trivial,
                            fields: #fields,
                        };
                        Described::Def { kind: "Struct", def_ty: "StructDef", def }
                    }
                }
            }
            Data::Union(_) => unreachable!("check rejects unions"),
            Data::Enum(variants) => {
                let variants: Vec<TokenStream> = variants.iter().map(|v| self.variant(v)).collect();
                let def = quote! {
                    name: #name,
                    path: __WIRE_PATH,
                    variants: &[#(#variants),*],
                };
                Described::Def { kind: "Enum", def_ty: "EnumDef", def }
            }
        }
    }

    fn variant(&mut self, v: &Variant<'a>) -> TokenStream {
        let name = match (&v.attrs.rename, self.input.attrs.rename_all) {
            (Some(name), _) => name.clone(),
            (None, Some(rule)) => rule.apply_to_variant(&v.ident.to_string()),
            (None, None) => v.ident.to_string(),
        };
        let rule = v.attrs.rename_all.or(self.input.attrs.rename_all_fields);
        let (style, fields) = match v.style {
            Style::Unit => (quote!(Unit), quote!(&[])),
            Style::Newtype if !v.fields[0].attrs.skip => (quote!(Newtype), self.fields(&v.fields, rule)),
            Style::Newtype | Style::Tuple => (quote!(Tuple), self.fields(&v.fields, rule)),
            Style::Named => (quote!(Named), self.fields(&v.fields, rule)),
        };
        quote! {
            ::wire_core::Variant { name: #name, style: ::wire_core::Style::#style, fields: #fields }
        }
    }

    fn fields(&mut self, fields: &[Field<'a>], rule: Option<crate::case::RenameRule>) -> TokenStream {
        let fields: Vec<TokenStream> = fields
            .iter()
            .filter(|f| !f.attrs.skip)
            .map(|f| {
                let name = match (&f.attrs.rename, &f.member, rule) {
                    (Some(name), _, _) => name.clone(),
                    (None, Member::Named(ident), Some(rule)) => rule.apply_to_field(&unraw(ident)),
                    (None, Member::Named(ident), None) => unraw(ident),
                    (None, Member::Unnamed(index), _) => index.index.to_string(),
                };
                let schema = self.field_schema(f);
                quote!(::wire_core::Field { name: #name, schema: #schema })
            })
            .collect();
        quote!(&[#(#fields),*])
    }

    fn field_schema(&mut self, field: &Field<'a>) -> TokenStream {
        match field.attrs.repr() {
            Some(repr) => self.repr(repr),
            None => self.type_schema(field.ty),
        }
    }

    fn repr(&mut self, repr: &Repr) -> TokenStream {
        match repr {
            Repr::As(ty) => self.type_schema(ty),
            Repr::Opaque(name) => quote!(&::wire_core::Schema::Opaque(#name)),
        }
    }

    /// `<T as Wire>::SCHEMA`, spanned on the type so a missing impl points at it.
    fn type_schema(&mut self, ty: &syn::Type) -> TokenStream {
        let mut rewritten = ty.clone();
        if !self.generic {
            // Outside the impl `Self` is not the type: name it. The type's
            // definition is a static, which the field may point back to.
            types::replace_self_keyword(&mut rewritten, self.input.ident);
        } else if types::replace_self(&mut rewritten, self.input.ident, self.input.generics) {
            self.recursive = true;
        }
        types::used_type_params(&rewritten, self.input.generics, &mut self.bounded);
        quote_spanned!(ty.span()=> <#rewritten as ::wire_core::Wire>::SCHEMA)
    }

    fn finish(self, described: Described) -> TokenStream {
        let ident = self.input.ident;
        let path = format!("::{ident}");
        let mut generics = self.input.generics.clone();
        // In declaration order: the instantiation's arguments that are on the wire.
        let type_args: Vec<&Ident> =
            self.input.generics.type_params().map(|t| &t.ident).filter(|t| self.bounded.contains(t)).collect();
        if !self.bounded.is_empty() {
            let clause = generics.make_where_clause();
            for param in &self.bounded {
                clause.predicates.push(syn::parse_quote!(#param: ::wire_core::Wire));
            }
        }
        let (impl_generics, ty_generics, where_clause) = generics.split_for_impl();
        let marker = Ident::new(SELF_MARKER, Span::call_site());
        let self_marker = self.recursive.then(|| {
            quote! {
                #[doc(hidden)]
                struct #marker;
                impl ::wire_core::Wire for #marker {
                    const SCHEMA: &'static ::wire_core::Schema = &::wire_core::Schema::SelfRef(__WIRE_PATH);
                }
            }
        });
        let (statics, schema) = match described {
            // A non-generic type's definition is a static, which mutually
            // recursive types can point at (see `wire_core::DefRef`).
            Described::Def { kind, def_ty, def } if !self.generic => {
                let (kind, def_ty) = (format_ident!("{kind}"), format_ident!("{def_ty}"));
                let statics = quote! {
                    static __WIRE_DEF: ::wire_core::#def_ty = ::wire_core::#def_ty { type_args: &[], #def };
                };
                (statics, quote!(&::wire_core::Schema::#kind(::wire_core::DefRef::new(&__WIRE_DEF))))
            }
            // A generic type's definition is a constant (a static cannot be
            // generic): a cycle made of generic types only is a cycle in
            // constant evaluation, which rustc reports.
            Described::Def { kind, def_ty, def } => {
                let (kind, def_ty) = (format_ident!("{kind}"), format_ident!("{def_ty}"));
                let schema = quote! {
                    &::wire_core::Schema::#kind(::wire_core::DefRef::new(&::wire_core::#def_ty {
                        type_args: &[#(<#type_args as ::wire_core::Wire>::SCHEMA),*],
                        #def
                    }))
                };
                (TokenStream::new(), schema)
            }
            Described::Schema(schema) => (TokenStream::new(), schema),
        };
        let trivial_fields = super::cpp::trivial_fields(self.input);
        quote! {
            const _: () = {
                #[allow(dead_code)]
                const __WIRE_PATH: &str = ::core::concat!(::core::module_path!(), #path);
                #self_marker
                #trivial_fields
                #statics
                #[automatically_derived]
                impl #impl_generics ::wire_core::Wire for #ident #ty_generics #where_clause {
                    const SCHEMA: &'static ::wire_core::Schema = #schema;
                }
            };
        }
    }
}

fn newtype(name: &str, inner: TokenStream) -> Described {
    let def = quote!(name: #name, path: __WIRE_PATH, inner: #inner,);
    Described::Def { kind: "Newtype", def_ty: "NewtypeDef", def }
}

fn unraw(ident: &Ident) -> String {
    ident.to_string().trim_start_matches("r#").to_owned()
}
