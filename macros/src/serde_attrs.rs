//! What the derives need to know from `#[serde(...)]`: a field's wire name
//! (paths in validation errors, query/header names) and whether serde skips it.
//!
//! Only reads; serde_derive reports malformed `#[serde]` attributes itself, so
//! anything unreadable here is ignored rather than reported twice.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::{Attribute, ExprPath, Field, Ident, LitStr, Token};

use crate::attr::{self, skip_value};
use crate::errors::Errors;

/// serde's `rename_all` rules, as they apply to (snake_case) field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenameRule {
    /// `lowercase`, `snake_case`: a field name already is.
    Unchanged,
    /// `UPPERCASE`, `SCREAMING_SNAKE_CASE`.
    Upper,
    /// `PascalCase`.
    Pascal,
    /// `camelCase`.
    Camel,
    /// `kebab-case`.
    Kebab,
    /// `SCREAMING-KEBAB-CASE`.
    ScreamingKebab,
}

impl RenameRule {
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "lowercase" | "snake_case" => RenameRule::Unchanged,
            "UPPERCASE" | "SCREAMING_SNAKE_CASE" => RenameRule::Upper,
            "PascalCase" => RenameRule::Pascal,
            "camelCase" => RenameRule::Camel,
            "kebab-case" => RenameRule::Kebab,
            "SCREAMING-KEBAB-CASE" => RenameRule::ScreamingKebab,
            _ => return None,
        })
    }

    /// Same result as serde_derive's `RenameRule::apply_to_field`.
    pub(crate) fn apply(self, field: &str) -> String {
        match self {
            RenameRule::Unchanged => field.to_owned(),
            RenameRule::Upper => field.to_ascii_uppercase(),
            RenameRule::Pascal => {
                let mut pascal = String::with_capacity(field.len());
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            RenameRule::Camel => {
                let pascal = RenameRule::Pascal.apply(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            RenameRule::Kebab => field.replace('_', "-"),
            RenameRule::ScreamingKebab => field.to_ascii_uppercase().replace('_', "-"),
        }
    }
}

/// The container's `#[serde(rename_all = "...")]` (serialize side), if any.
pub(crate) fn rename_all(attrs: &[Attribute]) -> Option<RenameRule> {
    let mut rule = None;
    for_each_serde_key(attrs, |meta| {
        if meta.path.is_ident("rename_all") {
            rule = rename_rule(meta, "serialize", &mut Errors::default())?;
        } else {
            skip_value(meta)?;
        }
        Ok(())
    });
    rule
}

/// What serde does with one field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct SerdeField {
    /// `rename = "..."` or `rename(serialize = "...")`.
    pub(crate) rename: Option<String>,
    /// `skip` or `skip_serializing`: never in the serialised body.
    pub(crate) skip: bool,
    /// `flatten`: its fields sit in the parent object.
    pub(crate) flatten: bool,
}

impl SerdeField {
    /// Reads the `#[serde(...)]` attributes of `field`.
    pub(crate) fn of(field: &Field) -> Self {
        let mut found = SerdeField::default();
        for_each_serde_key(&field.attrs, |meta| {
            if meta.path.is_ident("rename") {
                if let Some(name) = side_name(meta, "serialize")? {
                    found.rename = Some(name.value());
                }
            } else if meta.path.is_ident("skip") || meta.path.is_ident("skip_serializing") {
                found.skip = true;
            } else if meta.path.is_ident("flatten") {
                found.flatten = true;
            } else {
                skip_value(meta)?;
            }
            Ok(())
        });
        found
    }
}

/// The name a field has in JSON, query strings and validation paths: its
/// serde rename, else the container's `rename_all` applied to the identifier
/// (without `r#`), else the identifier.
pub(crate) fn wire_name(field: &Field, rule: Option<RenameRule>) -> String {
    let rename = SerdeField::of(field).rename;
    match &field.ident {
        Some(ident) => field_key(ident, rename, rule),
        None => rename.unwrap_or_default(),
    }
}

/// Calls `f` for every key of every `#[serde(...)]` in `attrs`; an attribute
/// that does not parse is left to the derive implementing serde to report.
fn for_each_serde_key(
    attrs: &[Attribute],
    mut f: impl FnMut(&ParseNestedMeta<'_>) -> syn::Result<()>,
) {
    for_each_key_checked(attrs, &mut Errors::default(), |meta, _| f(meta));
}

/// The `side` (`serialize`/`deserialize`) value of `key = "x"` or
/// `key(serialize = "x", deserialize = "y")`.
pub(crate) fn side_name(meta: &ParseNestedMeta<'_>, side: &str) -> syn::Result<Option<LitStr>> {
    if meta.input.peek(Token![=]) {
        return meta.value()?.parse().map(Some);
    }
    let mut name = None;
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident(side) {
            name = Some(inner.value()?.parse()?);
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok(name)
}

/// Calls `f` for every key of every `#[serde(...)]`; a malformed attribute
/// is recorded as an error at its own span. For the derives that implement
/// a serde direction themselves (`Decode`, `Encode`), where an attribute
/// they cannot read must not be ignored.
pub(crate) fn for_each_key_checked(
    attrs: &[Attribute],
    errors: &mut Errors,
    mut f: impl FnMut(&ParseNestedMeta<'_>, &mut Errors) -> syn::Result<()>,
) {
    for attr in attrs.iter().filter(|attr| attr.path().is_ident("serde")) {
        if let Err(error) = attr.parse_nested_meta(|meta| f(&meta, errors)) {
            errors.push(error);
        }
    }
}

/// The `side` of `rename_all = "..."`, an unknown rule being an error.
pub(crate) fn rename_rule(
    meta: &ParseNestedMeta<'_>,
    side: &str,
    errors: &mut Errors,
) -> syn::Result<Option<RenameRule>> {
    let Some(name) = side_name(meta, side)? else {
        return Ok(None);
    };
    let rule = RenameRule::from_name(&name.value());
    if rule.is_none() {
        errors.spanned(&name, format!("unknown rename rule {:?}", name.value()));
    }
    Ok(rule)
}

/// The path of `key = "path"`; `function` is appended for `with = "module"`.
pub(crate) fn path_value(
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    function: Option<&str>,
) -> syn::Result<Option<ExprPath>> {
    let lit: LitStr = meta.value()?.parse()?;
    let Ok(mut path) = lit.parse::<ExprPath>() else {
        errors.spanned(&lit, "expected a path, e.g. \"my::module\"");
        return Ok(None);
    };
    if let Some(function) = function {
        path.path
            .segments
            .push(Ident::new(function, Span::call_site()).into());
    }
    Ok(Some(path))
}

/// Records that `derive` does not implement this key, pointing the user at
/// serde's own derive of `serde_trait`, and skips the key's value.
pub(crate) fn unsupported(
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
    derive: &str,
    serde_trait: &str,
) -> syn::Result<()> {
    let key = attr::key_name(&meta.path);
    errors.spanned(
        &meta.path,
        format!(
            "#[derive({derive})] does not implement #[serde({key})]: derive serde's \
             `{serde_trait}` for this type instead"
        ),
    );
    skip_value(meta)
}

/// The wire name of a field: its rename, else `rule` applied to the
/// identifier without `r#`, else the identifier.
pub(crate) fn field_key(ident: &Ident, rename: Option<String>, rule: Option<RenameRule>) -> String {
    let name = ident.unraw().to_string();
    match (rename, rule) {
        (Some(rename), _) => rename,
        (None, Some(rule)) => rule.apply(&name),
        (None, None) => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn first_field(item: syn::ItemStruct) -> (Field, Vec<Attribute>) {
        let field = item.fields.iter().next().cloned();
        (field.expect("test struct has a field"), item.attrs)
    }

    #[test]
    fn wire_name_is_the_identifier_without_raw_prefix() {
        let (field, _) = first_field(parse_quote!(
            struct S {
                r#type: i64,
            }
        ));
        assert_eq!(wire_name(&field, None), "type");
    }

    #[test]
    fn wire_name_follows_rename_among_other_keys() {
        let (field, _) = first_field(parse_quote! {
            struct S {
                #[serde(skip_serializing_if = "Option::is_none", with = "a::b")]
                #[serde(default, rename = "deptList", bound(serialize = "T: X"))]
                dept_list: Option<Vec<i64>>,
            }
        });
        assert_eq!(wire_name(&field, None), "deptList");
        let serde = SerdeField::of(&field);
        assert!(!serde.skip && !serde.flatten);
    }

    #[test]
    fn wire_name_takes_the_serialize_side_of_a_split_rename() {
        let (field, _) = first_field(parse_quote! {
            struct S { #[serde(rename(deserialize = "in", serialize = "out"))] f: i64 }
        });
        assert_eq!(wire_name(&field, None), "out");
    }

    #[test]
    fn wire_name_applies_rename_all_unless_renamed() {
        let item: syn::ItemStruct = parse_quote! {
            #[derive(Serialize)]
            #[serde(rename_all = "camelCase")]
            struct S { user_id_list: Vec<String>, #[serde(rename = "x")] other: i64 }
        };
        let rule = rename_all(&item.attrs);
        assert_eq!(rule, Some(RenameRule::Camel));
        let names: Vec<String> = item.fields.iter().map(|f| wire_name(f, rule)).collect();
        assert_eq!(names, ["userIdList", "x"]);
    }

    #[test]
    fn rename_rules_match_serde() {
        assert_eq!(RenameRule::Pascal.apply("page_size"), "PageSize");
        assert_eq!(RenameRule::Camel.apply("page_size"), "pageSize");
        assert_eq!(RenameRule::Upper.apply("page_size"), "PAGE_SIZE");
        assert_eq!(RenameRule::Kebab.apply("page_size"), "page-size");
        assert_eq!(RenameRule::ScreamingKebab.apply("page_size"), "PAGE-SIZE");
        assert_eq!(RenameRule::Unchanged.apply("page_size"), "page_size");
        assert_eq!(RenameRule::Camel.apply(""), "");
    }

    #[test]
    fn skip_and_flatten_are_seen() {
        let (field, _) = first_field(parse_quote!(
            struct S {
                #[serde(skip)]
                a: i64,
            }
        ));
        assert!(SerdeField::of(&field).skip);
        let (field, _) = first_field(parse_quote!(
            struct S {
                #[serde(skip_serializing)]
                a: i64,
            }
        ));
        assert!(SerdeField::of(&field).skip);
        let (field, _) = first_field(parse_quote!(
            struct S {
                #[serde(flatten)]
                a: i64,
            }
        ));
        assert!(SerdeField::of(&field).flatten);
    }

    #[test]
    fn malformed_serde_is_ignored() {
        let (field, _) = first_field(parse_quote!(
            struct S {
                #[serde(rename = 5)]
                a: i64,
            }
        ));
        assert_eq!(wire_name(&field, None), "a");
    }
}
