//! Reads `#[validate(...)]`: field rules and struct-level windows, every
//! error collected, fields of windows resolved.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::spanned::Spanned;
use syn::{Attribute, DeriveInput, Field, Ident};

use crate::attr::{self, Unsigned};
use crate::errors::Errors;
use crate::serde_attrs::{self, SerdeField};
use crate::suggest;

use super::{Check, FieldRules, Limit, Model, Rule, Window};

const FIELD_KEYS: &[&str] = &[
    "min",
    "max",
    "range",
    "min_items",
    "max_items",
    "min_length",
    "max_length",
    "length",
    "max_bytes",
    "max_json_bytes",
    "date_time",
    "date",
    "rfc3339",
    "unix_ms",
    "unix_s",
    "pattern",
    "nested",
];
const STRUCT_KEYS: &[&str] = &["window"];
const BOUND_KEYS: &[&str] = &["min", "max"];
const WINDOW_KEYS: &[&str] = &["start", "end", "max_days", "when"];
const WHEN_KEYS: &[&str] = &["field", "min_items"];

/// Reads and checks the input: the model, or every error found.
pub(super) fn parse(input: &DeriveInput) -> syn::Result<Model<'_>> {
    let mut errors = Errors::default();
    let windows = parse_struct_attrs(&input.attrs, &mut errors);
    let fields = attr::named_fields(input, "Validate")?;
    let rename_all = serde_attrs::rename_all(&input.attrs);
    let fields: Vec<FieldRules<'_>> = fields
        .iter()
        .filter_map(|field| {
            let ident = field.ident.as_ref()?;
            let name = ident.unraw().to_string();
            let rules = FieldParser::run(field, &name, &mut errors);
            Some(FieldRules {
                ident,
                wire: serde_attrs::wire_name(field, rename_all),
                flatten: SerdeField::of(field).flatten,
                name,
                rules,
            })
        })
        .collect();
    let windows = resolve_windows(windows, &fields, &input.ident, &mut errors);
    errors.finish()?;
    Ok(Model {
        input,
        fields,
        windows,
    })
}

/// Reads the `#[validate(...)]` attributes of one field.
struct FieldParser<'e> {
    field: &'e str,
    rules: Vec<Rule>,
    errors: &'e mut Errors,
}

impl<'e> FieldParser<'e> {
    fn run(field: &Field, name: &str, errors: &mut Errors) -> Vec<Rule> {
        let mut parser = FieldParser {
            field: name,
            rules: Vec::new(),
            errors,
        };
        for attr in validate_attrs(&field.attrs) {
            let result = attr.parse_nested_meta(|meta| parser.key(&meta));
            parser.errors.ok(result);
        }
        parser.check_bounds();
        parser.rules
    }

    fn key(&mut self, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
        match attr::key_name(&meta.path).as_str() {
            "min" => self.number(meta, Check::Min, "min = <number>"),
            "max" => self.number(meta, Check::Max, "max = <number>"),
            "min_items" => self.count(meta, Check::MinItems, "min_items = <count>"),
            "max_items" => self.count(meta, Check::MaxItems, "max_items = <count>"),
            "min_length" => self.count(meta, Check::MinLength, "min_length = <count>"),
            "max_length" => self.count(meta, Check::MaxLength, "max_length = <count>"),
            "range" => {
                let usage = "range(min = <number>, max = <number>)";
                if !attr::parenthesized(meta, usage, self.errors)? {
                    return Ok(());
                }
                meta.parse_nested_meta(|inner| match self.bound(&inner, "range(...)")? {
                    Some(Check::Min) => self.number(&inner, Check::Min, "min = <number>"),
                    Some(_) => self.number(&inner, Check::Max, "max = <number>"),
                    None => Ok(()),
                })
            }
            "length" => {
                let usage = "length(min = <count>, max = <count>)";
                if !attr::parenthesized(meta, usage, self.errors)? {
                    return Ok(());
                }
                meta.parse_nested_meta(|inner| match self.bound(&inner, "length(...)")? {
                    Some(Check::Min) => self.count(&inner, Check::MinLength, "min = <count>"),
                    Some(_) => self.count(&inner, Check::MaxLength, "max = <count>"),
                    None => Ok(()),
                })
            }
            "max_bytes" => self.count(meta, Check::MaxBytes, "max_bytes = <count>"),
            "max_json_bytes" => self.count(meta, Check::MaxJsonBytes, "max_json_bytes = <count>"),
            "date_time" => self.text(meta, Check::DateTime, "date_time = \"%Y-%m-%d %H:%M:%S\""),
            "date" => self.text(meta, Check::Date, "date = \"%Y-%m-%d\""),
            "pattern" => self.text(meta, Check::Pattern, "pattern = \"^[a-z]+$\""),
            "nested" => self.flag(meta, Check::Nested),
            "rfc3339" => self.flag(meta, Check::Rfc3339),
            "unix_ms" => self.flag(meta, Check::UnixMs),
            "unix_s" => self.flag(meta, Check::UnixS),
            key => {
                let message = suggest::unknown_key(key, "#[validate(...)]", FIELD_KEYS);
                self.errors.spanned(&meta.path, message);
                attr::skip_value(meta)
            }
        }
    }

    /// `min` or `max` inside `range(...)`/`length(...)`; `None` after
    /// reporting any other key.
    fn bound(&mut self, meta: &ParseNestedMeta<'_>, context: &str) -> syn::Result<Option<Check>> {
        if meta.path.is_ident("min") {
            Ok(Some(Check::Min))
        } else if meta.path.is_ident("max") {
            Ok(Some(Check::Max))
        } else {
            let key = attr::key_name(&meta.path);
            let message = suggest::unknown_key(&key, context, BOUND_KEYS);
            self.errors.spanned(&meta.path, message);
            attr::skip_value(meta)?;
            Ok(None)
        }
    }

    fn number(&mut self, meta: &ParseNestedMeta<'_>, check: Check, usage: &str) -> syn::Result<()> {
        if let Some(expr) = attr::value(meta, usage, self.errors)? {
            if let Some(number) = self.errors.ok(attr::number(expr)) {
                self.push(meta, check, Limit::Number(number));
            }
        }
        Ok(())
    }

    /// A rule without a value (`nested`, `rfc3339`).
    fn flag(&mut self, meta: &ParseNestedMeta<'_>, check: Check) -> syn::Result<()> {
        if attr::has_value(meta) {
            let key = check.key();
            self.errors.spanned(
                &meta.path,
                format!("`{key}` takes no value: write #[validate({key})]"),
            );
            attr::skip_value(meta)?;
        }
        self.push(meta, check, Limit::None);
        Ok(())
    }

    /// A rule with a string literal (`pattern = "…"`, `date = "%Y-%m-%d"`).
    fn text(&mut self, meta: &ParseNestedMeta<'_>, check: Check, usage: &str) -> syn::Result<()> {
        if let Some(expr) = attr::value(meta, usage, self.errors)? {
            match attr::string(&expr) {
                Some(lit) => self.push(meta, check, Limit::Text(lit.clone())),
                None => self
                    .errors
                    .spanned(&expr, format!("expected a string literal: `{usage}`")),
            }
        }
        Ok(())
    }

    fn count(&mut self, meta: &ParseNestedMeta<'_>, check: Check, usage: &str) -> syn::Result<()> {
        if let Some(expr) = attr::value(meta, usage, self.errors)? {
            if let Some(count) = self.errors.ok(attr::unsigned(&expr)) {
                self.push(meta, check, Limit::Count(count));
            }
        }
        Ok(())
    }

    /// Adds a rule unless the field already has one of the same kind.
    fn push(&mut self, meta: &ParseNestedMeta<'_>, check: Check, limit: Limit) {
        if self.rules.iter().any(|rule| rule.check == check) {
            let message = format!("duplicate `{}` rule on field `{}`", check.key(), self.field);
            self.errors.spanned(&meta.path, message);
            return;
        }
        self.rules.push(Rule {
            check,
            key: meta.path.span(),
            limit,
        });
    }

    /// A lower bound above the upper bound lets no value pass: an error at the upper one.
    fn check_bounds(&mut self) {
        let pairs = [
            (Check::Min, Check::Max),
            (Check::MinItems, Check::MaxItems),
            (Check::MinLength, Check::MaxLength),
        ];
        for (low, high) in pairs {
            let find = |check| self.rules.iter().find(|rule| rule.check == check);
            let (Some(low), Some(high)) = (find(low), find(high)) else {
                continue;
            };
            let message = |min: &str, max: &str| {
                format!(
                    "`{} = {max}` is below `{} = {min}`: no value of `{}` could pass",
                    high.check.key(),
                    low.check.key(),
                    self.field
                )
            };
            let error = match (&low.limit, &high.limit) {
                (Limit::Number(min), Limit::Number(max)) if min.value > max.value => Some(
                    syn::Error::new_spanned(&max.expr, message(&min.text, &max.text)),
                ),
                (Limit::Count(min), Limit::Count(max)) if min.value > max.value => {
                    let (min, max) = (min.lit.to_string(), &max.lit);
                    Some(syn::Error::new_spanned(
                        max,
                        message(&min, &max.to_string()),
                    ))
                }
                _ => None,
            };
            if let Some(error) = error {
                self.errors.push(error);
            }
        }
    }
}

fn validate_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|attr| attr.path().is_ident("validate"))
}

/// `window(...)` as written, its fields not yet looked up.
struct WindowAttr {
    key: Span,
    start: Option<Ident>,
    end: Option<Ident>,
    max_days: Option<Unsigned<u32>>,
    /// `when(field = f, min_items = n)`.
    when: Option<(Ident, Unsigned<usize>)>,
}

fn parse_struct_attrs(attrs: &[Attribute], errors: &mut Errors) -> Vec<WindowAttr> {
    let mut windows = Vec::new();
    for attr in validate_attrs(attrs) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("window") {
                if let Some(window) = parse_window(&meta, errors)? {
                    windows.push(window);
                }
                return Ok(());
            }
            let key = attr::key_name(&meta.path);
            let message = if FIELD_KEYS.contains(&key.as_str()) {
                let usage = match key.as_str() {
                    "nested" => "nested".to_owned(),
                    "range" | "length" => format!("{key}(...)"),
                    _ => format!("{key} = ..."),
                };
                format!("`{key}` is a field rule: put #[validate({usage})] on the field it limits")
            } else {
                suggest::unknown_key(&key, "the struct's #[validate(...)]", STRUCT_KEYS)
            };
            errors.spanned(&meta.path, message);
            attr::skip_value(&meta)
        });
        errors.ok(result);
    }
    windows
}

fn parse_window(
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<Option<WindowAttr>> {
    let mut window = WindowAttr {
        key: meta.path.span(),
        start: None,
        end: None,
        max_days: None,
        when: None,
    };
    let usage = "window(start = <field>, end = <field>, max_days = <days>)";
    if !attr::parenthesized(meta, usage, errors)? {
        return Ok(None);
    }
    let mut given: Vec<String> = Vec::new();
    meta.parse_nested_meta(|inner| {
        let key = attr::key_name(&inner.path);
        if !WINDOW_KEYS.contains(&key.as_str()) {
            errors.spanned(
                &inner.path,
                suggest::unknown_key(&key, "window(...)", WINDOW_KEYS),
            );
            return attr::skip_value(&inner);
        }
        if given.contains(&key) {
            errors.spanned(&inner.path, format!("duplicate `{key}` in window(...)"));
            return attr::skip_value(&inner);
        }
        given.push(key.clone());
        if key == "when" {
            window.when = parse_when(&inner, errors)?;
            return Ok(());
        }
        let usage = format!(
            "{key} = <{}>",
            if key == "max_days" { "days" } else { "field" }
        );
        let Some(expr) = attr::value(&inner, &usage, errors)? else {
            return Ok(());
        };
        if key == "max_days" {
            window.max_days = errors.ok(attr::unsigned(&expr));
        } else if let Some(ident) = attr::bare_ident(&expr) {
            let slot = if key == "start" {
                &mut window.start
            } else {
                &mut window.end
            };
            *slot = Some(ident.clone());
        } else {
            errors.spanned(
                &expr,
                format!("expected a field name, like `{key} = {key}_time`"),
            );
        }
        Ok(())
    })?;
    // A key given with a bad value was reported where it is written.
    let missing = [
        (
            "start",
            "`start = <field>`, the field holding the start (epoch milliseconds)",
        ),
        (
            "end",
            "`end = <field>`, the field holding the end (epoch milliseconds)",
        ),
        ("max_days", "`max_days = <days>`, the longest allowed span"),
    ];
    for (key, what) in missing {
        if !given.iter().any(|given| given == key) {
            errors.at(window.key, format!("window(...) is missing {what}"));
        }
    }
    let complete = window.start.is_some() && window.end.is_some() && window.max_days.is_some();
    Ok(complete.then_some(window))
}

/// `when(field = <list field>, min_items = <count>)`.
fn parse_when(
    meta: &ParseNestedMeta<'_>,
    errors: &mut Errors,
) -> syn::Result<Option<(Ident, Unsigned<usize>)>> {
    let usage = "when(field = <list field>, min_items = <count>)";
    if !attr::parenthesized(meta, usage, errors)? {
        return Ok(None);
    }
    let (mut field, mut count) = (None, None);
    meta.parse_nested_meta(|inner| {
        let key = attr::key_name(&inner.path);
        let Some(expr) = attr::value(&inner, &format!("{key} = ..."), errors)? else {
            return Ok(());
        };
        match key.as_str() {
            "field" => match attr::bare_ident(&expr) {
                Some(ident) => field = Some(ident.clone()),
                None => errors.spanned(&expr, "expected a field name"),
            },
            "min_items" => count = errors.ok(attr::unsigned(&expr)),
            _ => errors.spanned(
                &inner.path,
                suggest::unknown_key(&key, "when(...)", WHEN_KEYS),
            ),
        }
        Ok(())
    })?;
    if field.is_none() || count.is_none() {
        errors.spanned(&meta.path, format!("expected `{usage}`"));
    }
    Ok(field.zip(count))
}

fn resolve_windows(
    windows: Vec<WindowAttr>,
    fields: &[FieldRules<'_>],
    ty: &Ident,
    errors: &mut Errors,
) -> Vec<Window> {
    let names: Vec<&str> = fields.iter().map(|field| field.name.as_str()).collect();
    let mut find = |ident: &Option<Ident>| {
        let ident = ident.as_ref()?;
        let wanted = ident.unraw().to_string();
        let found = names.iter().position(|name| *name == wanted);
        if found.is_none() {
            let hint = suggest::did_you_mean(&wanted, &names);
            errors.at(
                ident.span(),
                format!("`{ty}` has no field `{wanted}`{hint}"),
            );
        }
        found
    };
    windows
        .into_iter()
        .filter_map(|window| {
            let start = find(&window.start);
            let end = find(&window.end);
            let when = match window.when {
                Some((field, count)) => Some((find(&Some(field))?, count)),
                None => None,
            };
            Some(Window {
                key: window.key,
                start: start?,
                end: end?,
                max_days: window.max_days?,
                when,
            })
        })
        .collect()
}
