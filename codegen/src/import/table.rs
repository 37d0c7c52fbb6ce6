//! The table forms, each read into the same [`Row`]s:
//!
//! - markdown tables (`| a | b |`, with or without outer pipes and `---`
//!   lines, rows continued on the next lines up to a closing `|`) and
//!   pasted tables (TAB-separated cells), through [`Line::cells`];
//! - nesting marks in the name cell: tree glyphs (`├`, `└`), indentation
//!   (non-breaking or em spaces, `&nbsp;`) and dotted names (`data.size`),
//!   kept on the row for [`super::nest`];
//! - TOP tables: space-separated (`名称 类型 是否必须 示例值 更多限制 描述`),
//!   with a response's children as bullet groups (`• name`, `• Type`,
//!   `• example`, `• description`, `└ ` before nested names).

use super::model::Note;
use super::text::{Cell, Line, cells, has_cjk, is_field_name, short, strip_tree};

/// One documented parameter row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Wire name (dotted when the page writes nesting that way); empty for
    /// a row that describes the value of the map above it.
    pub name: String,
    /// Tree glyphs before the name (`└`: 1).
    pub depth: usize,
    /// Indentation of the name cell (non-breaking or em spaces).
    pub indent: usize,
    /// Documented type, as written.
    pub ty: String,
    /// 是/必须/必选/Y → true, 否/可选/N → false; `None` when not documented.
    pub required: Option<bool>,
    /// 示例值.
    pub example: Option<String>,
    /// 默认值.
    pub default: Option<String>,
    /// 描述.
    pub description: String,
    /// 更多限制 (TOP tables).
    pub limits: String,
    /// The Chinese label of a `字段 | 名称 | …` table.
    pub label: String,
    /// Page line.
    pub line: usize,
    /// Doubts about how the row was read.
    pub notes: Vec<Note>,
}

/// Which cell holds what.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    count: usize,
    name: usize,
    ty: Option<usize>,
    required: Option<usize>,
    example: Option<usize>,
    default: Option<usize>,
    description: Option<usize>,
    limits: Option<usize>,
    label: Option<usize>,
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Name,
    Type,
    Required,
    Example,
    Default,
    Description,
    Limits,
}

fn role(header: &str) -> Option<Role> {
    let h = header.trim().to_lowercase();
    let h = h.as_str();
    let role = match h {
        "名称" | "参数名" | "参数名称" | "参数" | "字段" | "字段名" | "字段名称" | "属性"
        | "属性名" | "name" | "参数名字" | "field" | "parameter" | "key" => Role::Name,
        "类型" | "参数类型" | "数据类型" | "字段类型" | "type" => Role::Type,
        "是否必填" | "必填" | "是否必须" | "必须" | "必选" | "是否必选" | "是否必传" | "必传"
        | "required" => Role::Required,
        "示例值" | "示例" | "example" | "样例" => Role::Example,
        "默认值" | "默认" | "default" => Role::Default,
        "描述" | "说明" | "描述信息" | "参数说明" | "字段说明" | "参数描述" | "备注"
        | "description" | "含义" => Role::Description,
        "更多限制" | "限制" => Role::Limits,
        _ => return None,
    };
    Some(role)
}

/// Columns of a header row, if it is a parameter table's header (its first
/// cell names the parameter and some other cell is a type, a required flag
/// or a description). A second name column (`字段 | 名称 | …`) is a label.
pub fn header(cells: &[String]) -> Option<Columns> {
    if cells.len() < 2 || role(cells.first()?) != Some(Role::Name) {
        return None;
    }
    let mut columns = Columns {
        count: cells.len(),
        ..Columns::default()
    };
    for (index, cell) in cells.iter().enumerate().skip(1) {
        let slot = match role(cell) {
            Some(Role::Type) => &mut columns.ty,
            Some(Role::Required) => &mut columns.required,
            Some(Role::Example) => &mut columns.example,
            Some(Role::Default) => &mut columns.default,
            Some(Role::Description) => &mut columns.description,
            Some(Role::Limits) => &mut columns.limits,
            Some(Role::Name) => &mut columns.label,
            None => continue,
        };
        if slot.is_none() {
            *slot = Some(index);
        }
    }
    (columns.ty.is_some() || columns.description.is_some() || columns.required.is_some())
        .then_some(columns)
}

/// The texts of a line's cells.
pub fn texts(line: &Line) -> Option<Vec<String>> {
    line.cells
        .as_ref()
        .map(|cells| cells.iter().map(|c| c.text.clone()).collect())
}

/// A `| --- | :---: |` line.
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains("---") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// 是/必须/必选/必填/Y → true; 否/可选/N → false.
pub fn required(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "必须" | "必选" | "必填" | "必传" | "true" | "y" | "yes" | "required" => {
            Some(true)
        }
        "否" | "可选" | "选填" | "非必须" | "非必填" | "非必传" | "false" | "n" | "no"
        | "optional" => Some(false),
        _ => None,
    }
}

/// A table read from its header line: the rows and the index of the first
/// line after it.
pub struct Table {
    /// Rows in order.
    pub rows: Vec<Row>,
    /// Index of the first line after the table.
    pub next: usize,
    /// Rows that could not be read.
    pub notes: Vec<Note>,
}

/// Reads the table whose header is `lines[start]`.
pub fn read(lines: &[Line], start: usize, columns: &Columns, stop: &dyn Fn(&str) -> bool) -> Table {
    let closing_pipes = lines
        .get(start)
        .is_some_and(|l| !l.raw.contains('\t') && l.text.ends_with('|'));
    let mut table = Table {
        rows: Vec::new(),
        next: start + 1,
        notes: Vec::new(),
    };
    let mut index = start + 1;
    while let Some(line) = lines.get(index) {
        let text = line.text.as_str();
        let Some(row_cells) = &line.cells else {
            break;
        };
        if text.is_empty() || stop(text) {
            break;
        }
        if is_separator(&line.raw) {
            index += 1;
            continue;
        }
        if texts(line).is_some_and(|t| header(&t).is_some()) {
            // The next table's header.
            break;
        }
        let mut joined: Option<Vec<Cell>> = None;
        let mut last = index;
        if closing_pipes && !text.ends_with('|') {
            // The description goes on over the next lines, up to a line
            // ending with `|`.
            for ahead in index + 1..(index + 12).min(lines.len()) {
                let next = lines[ahead].text.as_str();
                if next.is_empty() || stop(next) || starts_row(&lines[ahead], columns) {
                    break;
                }
                if next.ends_with('|') {
                    let parts: Vec<&str> = lines[index..=ahead]
                        .iter()
                        .map(|l| l.raw.as_str())
                        .collect();
                    joined = cells(&parts.join(" "));
                    last = ahead;
                    break;
                }
            }
        }
        match row(joined.as_deref().unwrap_or(row_cells), columns, line.no) {
            Ok(row) => table.rows.push(row),
            Err(Some(note)) => table.notes.push(note),
            Err(None) => {}
        }
        index = last + 1;
    }
    table.next = index;
    table
}

/// Whether `line` is itself a new row (so not a continuation line).
fn starts_row(line: &Line, columns: &Columns) -> bool {
    line.cells.as_ref().is_some_and(|cells| {
        cells.len() + 1 >= columns.count
            && cells
                .first()
                .is_some_and(|c| is_field_path(strip_tree(&c.text).1))
    })
}

/// A wire name, or a dotted path of them (`data.page_size`).
pub fn is_field_path(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(is_field_name)
}

/// One row; `Err(None)` for rows to skip silently (empty), `Err(Some)` for
/// rows that are not parameters.
pub fn row(cells: &[Cell], columns: &Columns, line: usize) -> Result<Row, Option<Note>> {
    let mut notes = Vec::new();
    let mut cells = cells;
    // A row shifted one cell to the right (an empty first cell, and the
    // cells after it read as name and type).
    let shifted = cells.get(columns.name).is_some_and(|c| c.text.is_empty())
        && cells
            .get(columns.name + 1)
            .is_some_and(|c| is_field_name(&c.text))
        && columns
            .ty
            .and_then(|ty| cells.get(ty + 1))
            .is_some_and(|c| super::table::type_like(&c.text));
    if shifted {
        cells = &cells[1..];
        notes.push(Note::todo(format!(
            "page line {line}: the row starts one cell to the right: read from the next cell"
        )));
    }
    let cell = |index: Option<usize>| -> String {
        let Some(index) = index else {
            return String::new();
        };
        if Some(index) == columns.description {
            // Cells beyond the header's count belong to the description.
            let end = if index + 1 == columns.count {
                cells.len()
            } else {
                index + 1
            };
            cells
                .get(index..end.max(index))
                .map(|c| {
                    c.iter()
                        .map(|c| c.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_default()
                .trim()
                .to_owned()
        } else {
            cells.get(index).map(|c| c.text.clone()).unwrap_or_default()
        }
    };
    let indent = cells.get(columns.name).map_or(0, |c| c.indent);
    let raw_name = cell(Some(columns.name));
    let (depth, name) = strip_tree(&raw_name);
    // `data.org_ unit_id`: a name broken by a stray space.
    let joined: String = name.split_whitespace().collect();
    let broken = name
        .split(' ')
        .collect::<Vec<_>>()
        .windows(2)
        .all(|w| w[0].ends_with(['_', '.']) || w[1].starts_with(['_', '.']));
    let name = if name.contains(' ') && broken && is_field_path(&joined) {
        notes.push(Note::todo(format!(
            "page line {line}: the name `{}` has spaces: read as `{joined}`",
            short(name, 40)
        )));
        joined.as_str()
    } else {
        name
    };
    let ty = cell(columns.ty);
    if name.is_empty() {
        if ty.is_empty() {
            return Err(None);
        }
        // A nameless row: the value of the map above it.
    } else if !is_field_path(name) {
        return Err(Some(Note::todo(format!(
            "page line {line}: row `{}` skipped: not a parameter name",
            short(name, 30)
        ))));
    }
    let mut row = Row {
        name: name.to_owned(),
        depth,
        indent,
        ty,
        required: None,
        example: Some(cell(columns.example)).filter(|e| !e.is_empty()),
        default: Some(cell(columns.default)).filter(|e| !e.is_empty()),
        description: cell(columns.description),
        limits: cell(columns.limits),
        label: cell(columns.label),
        line,
        notes,
    };
    if let Some(index) = columns.required {
        let text = cell(Some(index));
        row.required = required(&text);
        if row.required.is_none() && !text.is_empty() {
            row.notes.push(Note::todo(format!(
                "required column reads `{}`: taken as not required",
                short(&text, 20)
            )));
        }
    }
    shift_description(&mut row);
    Ok(row)
}

/// Rows with an empty description whose example or default cell holds
/// Chinese text: the page's columns are shifted by one (the description
/// sits in the column before), so the text is the description.
fn shift_description(row: &mut Row) {
    if !row.description.is_empty() {
        return;
    }
    let looks_like_text = |t: &str| has_cjk(t) || t.ends_with('。');
    if row.default.as_deref().is_some_and(looks_like_text) {
        row.description = row.default.take().unwrap_or_default();
    } else if row.example.as_deref().is_some_and(looks_like_text) {
        row.description = row.example.take().unwrap_or_default();
    } else if row.description.is_empty() && !row.label.is_empty() {
        row.description = row.label.clone();
    }
}

/// Columns of a space-separated header (`名称 类型 是否必须 示例值 更多限制 描述`).
pub fn space_header(text: &str) -> Option<Columns> {
    if text.contains('|') {
        return None;
    }
    let words: Vec<String> = text.split_whitespace().map(str::to_owned).collect();
    if words.len() < 3 || words.iter().any(|w| role(w).is_none()) {
        return None;
    }
    header(&words)
}

/// One space-separated row: name, type (`Position []` is one type),
/// required if the header has it, then example and description.
pub fn space_row(text: &str, columns: &Columns, line: usize) -> Option<Row> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || !is_field_name(words[0]) || !type_like(words[1]) {
        return None;
    }
    let mut ty = words[1].to_owned();
    if words.get(2) == Some(&"[]") {
        ty.push_str("[]");
        words.remove(2);
    }
    let mut row = Row {
        name: words[0].to_owned(),
        ty,
        line,
        ..Row::default()
    };
    let mut rest = &words[2..];
    if columns.required.is_some() {
        if let Some(first) = rest.first() {
            row.required = required(first);
            if row.required.is_some() {
                rest = &rest[1..];
            }
        }
    }
    match rest {
        [] => {}
        [only] if columns.example.is_some() && !has_cjk(only) => {
            row.example = Some((*only).to_owned())
        }
        [only] => row.description = (*only).to_owned(),
        [example, description] if columns.example.is_some() => {
            row.example = Some((*example).to_owned());
            row.description = (*description).to_owned();
        }
        [first, more @ ..] if columns.example.is_some() => {
            row.example = Some((*first).to_owned());
            row.description = more.join(" ");
            row.notes.push(Note::todo(
                "space-separated columns: which words are 示例值, 更多限制 and 描述 is a guess",
            ));
        }
        words => row.description = words.join(" "),
    }
    Some(row)
}

/// Whether a word can be a documented type (`String`, `Position []`,
/// `Array of String`, `DingOpenResult`, `number`).
pub fn type_like(text: &str) -> bool {
    let t = text.trim();
    let t = t.strip_suffix("[]").map_or(t, str::trim_end);
    if t.to_ascii_lowercase().starts_with("array of ") {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    let scalar = matches!(
        lower.as_str(),
        "string"
            | "number"
            | "integer"
            | "long"
            | "int"
            | "boolean"
            | "bool"
            | "object"
            | "double"
            | "float"
            | "date"
    );
    scalar
        || (t.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '<' | '>' | '.')))
}

/// Bullet groups of a TOP response (`• name`, `• Type`, then one or two of
/// example and description). Nesting marks (`└ `) are dropped: they do not
/// say how deep, so nesting is decided by type like a flat table.
pub fn bullets(items: &[(String, usize)]) -> Vec<Row> {
    let name_at = |index: usize| -> Option<String> {
        let (text, _) = items.get(index)?;
        let (_, name) = strip_tree(text);
        let next_is_type = items.get(index + 1).is_some_and(|(t, _)| type_like(t));
        (is_field_name(name) && next_is_type).then(|| name.to_owned())
    };
    let mut rows = Vec::new();
    let mut index = 0;
    while index < items.len() {
        let Some(name) = name_at(index) else {
            index += 1;
            continue;
        };
        let line = items[index].1;
        let ty = items
            .get(index + 1)
            .map(|(t, _)| t.replace(" []", "[]"))
            .unwrap_or_default();
        // A group is 3 lines (no example) when the next name comes right after.
        let three = index + 3 >= items.len() || name_at(index + 3).is_some();
        let mut row = Row {
            name,
            ty,
            line,
            ..Row::default()
        };
        if three {
            row.description = items
                .get(index + 2)
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            index += 3;
        } else {
            row.example = items.get(index + 2).map(|(t, _)| t.clone());
            row.description = items
                .get(index + 3)
                .map(|(t, _)| t.clone())
                .unwrap_or_default();
            index += 4;
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines;

    fn header_of(line: &Line) -> Columns {
        texts(line).and_then(|t| header(&t)).unwrap_or_default()
    }

    fn row_of(text: &str, columns: &Columns) -> Result<Row, Option<Note>> {
        row(&cells(text).unwrap_or_default(), columns, 1)
    }

    #[test]
    fn markdown_table_with_separator() {
        let page = "| 名称   | 类型   | 是否必填 | 示例值 | 描述 |\n| ------ | ------ | -------- | ------ | ---- |\n| offset | Number | 是       | 0      | 分页游标，从0开始。 |\n| size   | Number | 是       | 50     | 分页大小，最大50。 |\n\n| x | y |";
        let lines = lines(page);
        let columns = header_of(&lines[0]);
        let table = read(&lines, 0, &columns, &|_| false);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].name, "size");
        assert_eq!(table.rows[1].ty, "Number");
        assert_eq!(table.rows[1].required, Some(true));
        assert_eq!(table.rows[1].example.as_deref(), Some("50"));
        assert_eq!(table.rows[1].description, "分页大小，最大50。");
        assert_eq!(table.next, 4);
    }

    #[test]
    fn pipe_rows_without_separator_and_continuations() {
        let page = "名称 | 类型 | 是否必填 | 示例值 | 描述 |\naccess_token | String | 是 | 6d1bxxxx | 调用该接口的应用凭证。\n|\nto_cids | String[] | 否 | 123 | 日志要发送到的群ID。 重要\n进入钉钉工作台,设置该日志模板的默认接收群。\n|\ncreate_request | OapiCreateBlackboardVo | 是 | 请求对象。 | |\n返回参数";
        let lines = lines(page);
        let columns = header_of(&lines[0]);
        let table = read(&lines, 0, &columns, &|t| t == "返回参数");
        let names: Vec<&str> = table.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["access_token", "to_cids", "create_request"]);
        assert_eq!(table.rows[0].description, "调用该接口的应用凭证。");
        assert_eq!(
            table.rows[1].description,
            "日志要发送到的群ID。 重要 进入钉钉工作台,设置该日志模板的默认接收群。"
        );
        // Shifted columns: the description sits in the example column.
        assert_eq!(table.rows[2].description, "请求对象。");
        assert_eq!(table.rows[2].example, None);
        assert_eq!(table.next, 7);
    }

    #[test]
    fn four_column_tables() {
        let page = "名称 | 类型 | 是否必填 | 描述 |\nmaxResults | Integer | 否 | 每页条目数,默认值30,最大值50。 |\n名称 | 类型 | 描述 |";
        let lines = lines(page);
        let columns = header_of(&lines[0]);
        let table = read(&lines, 0, &columns, &|_| false);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].example, None);
        assert_eq!(table.rows[0].description, "每页条目数,默认值30,最大值50。");
    }

    #[test]
    fn shiheng_tree_rows() {
        let page = "名称 | 必选 | 类型 | 默认值 | 描述 |\n---|---|---|---|---|\nappId | 是 | string | 应用唯一标识appId | |\nparamContent | 是 | object | 参数内容 | |\n├ pageNum | 是 | integer | 页码 [>= 1] | |\n└ pageSize | 是 | integer | 每页条数 [1~50] |";
        let lines = lines(page);
        let columns = header_of(&lines[0]);
        let table = read(&lines, 0, &columns, &|_| false);
        let got: Vec<(&str, usize, &str, &str)> = table
            .rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.depth,
                    r.ty.as_str(),
                    r.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("appId", 0, "string", "应用唯一标识appId"),
                ("paramContent", 0, "object", "参数内容"),
                ("pageNum", 1, "integer", "页码 [>= 1]"),
                ("pageSize", 1, "integer", "每页条数 [1~50]"),
            ]
        );
        assert_eq!(table.rows[3].default, None);
        let two =
            crate::import::text::lines("名称 | 类型 |\na | string |\n名称 | 类型 |\nb | string |");
        let columns = header_of(&two[0]);
        let first = read(&two, 0, &columns, &|_| false);
        assert_eq!((first.rows.len(), first.next), (1, 2));
    }

    #[test]
    fn rows_that_are_not_parameters() {
        let columns = header_of(&lines("名称 | 类型 | 描述 |")[0]);
        assert!(matches!(row_of("| | |", &columns), Err(None)));
        assert!(matches!(
            row_of("企业内部应用 | 支持 | x |", &columns),
            Err(Some(_))
        ));
        assert_eq!(
            header(&["应用类型".into(), "是否支持".into(), "权限".into()]),
            None
        );
        assert_eq!(header(&["字段".into(), "值".into()]), None);
        assert_eq!(header(&["名称".into()]), None);
        assert!(is_separator("---|---|"));
        assert!(!is_separator("a|b"));
    }

    #[test]
    fn pasted_tables_labels_shifts_and_nameless_rows() {
        let page = "字段\t名称\t类型\t必填\t描述\ntimestamp\t时间戳\tlong\tY\t13位时间戳\n\tsign\t签名\tstring\tY\ndata.page_size\t每页显示条数\tinteger\tN\t10(默认值)\nx y\tString\n\n参数\t必须\t说明\n名称\t类型\t是否必填\t描述\n\tObject\t否\t私有用户userId。";
        let lines = lines(page);
        let columns = header_of(&lines[0]);
        let table = read(&lines, 0, &columns, &|_| false);
        let got: Vec<(&str, &str, Option<bool>, &str)> = table
            .rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.ty.as_str(),
                    r.required,
                    r.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("timestamp", "long", Some(true), "13位时间戳"),
                ("sign", "string", Some(true), "签名"),
                ("data.page_size", "integer", Some(false), "10(默认值)"),
            ]
        );
        assert!(table.rows[1].notes.iter().any(|n| n.todo));
        assert_eq!(table.notes.len(), 1, "`x y` is no name");
        assert_eq!(table.next, 5);
        let wecom = header_of(&lines[6]);
        assert!(wecom.required.is_some() && wecom.description.is_some());
        let columns = header_of(&lines[7]);
        let nameless = read(&lines, 7, &columns, &|_| false);
        assert_eq!(nameless.rows[0].name, "");
        assert_eq!(nameless.rows[0].ty, "Object");
    }

    #[test]
    fn top_space_rows() {
        let columns = space_header("名称 类型 是否必须 示例值 更多限制 描述").unwrap_or_default();
        let row = space_row(
            "cursor String 可选 0151E0223B1EDDDF00DD6B7F72A1A917E876 上一批次的最后一个id,默认空",
            &columns,
            1,
        );
        let row = row.unwrap_or_default();
        assert_eq!(row.name, "cursor");
        assert_eq!(row.required, Some(false));
        assert_eq!(
            row.example.as_deref(),
            Some("0151E0223B1EDDDF00DD6B7F72A1A917E876")
        );
        assert_eq!(row.description, "上一批次的最后一个id,默认空");
        let group_key =
            space_row("group_key String 必须 x1 考勤组id", &columns, 2).unwrap_or_default();
        assert_eq!(group_key.required, Some(true));
        let response = space_header("名称 类型 示例值 描述").unwrap_or_default();
        let result = space_row("result DingOpenResult 出参", &response, 3).unwrap_or_default();
        assert_eq!(
            (
                result.ty.as_str(),
                result.description.as_str(),
                result.example.clone()
            ),
            ("DingOpenResult", "出参", None)
        );
        assert!(space_row("名称 类型 示例值 描述", &response, 4).is_none());
        assert!(space_header("公共参数").is_none());
        let guessed = space_row("a String 必须 1 最大值:100 描述", &columns, 5).unwrap_or_default();
        assert!(guessed.notes.iter().any(|n| n.todo));
    }

    #[test]
    fn top_bullet_groups() {
        let items: Vec<(String, usize)> = [
            "result",
            "Result",
            "查询结果",
            "position_list",
            "Position []",
            "position列表",
            "└ address",
            "String",
            "阿里巴巴西溪园区",
            "地址描述",
            "└ position_key",
            "String",
            "0151E0223B1EDDDF00DD6B7F72A1A917E876",
            "positionKey",
            "└ offset",
            "Number",
            "100",
            "打卡位置允许的偏移量",
            "└ errmsg",
            "String",
            "错误信息",
            "└ success",
            "Boolean",
            "true",
            "是否成功",
        ]
        .iter()
        .enumerate()
        .map(|(i, s)| ((*s).to_owned(), i))
        .collect();
        let rows = bullets(&items);
        let got: Vec<(&str, &str, Option<&str>, &str)> = rows
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.ty.as_str(),
                    r.example.as_deref(),
                    r.description.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("result", "Result", None, "查询结果"),
                ("position_list", "Position[]", None, "position列表"),
                ("address", "String", Some("阿里巴巴西溪园区"), "地址描述"),
                (
                    "position_key",
                    "String",
                    Some("0151E0223B1EDDDF00DD6B7F72A1A917E876"),
                    "positionKey"
                ),
                ("offset", "Number", Some("100"), "打卡位置允许的偏移量"),
                ("errmsg", "String", None, "错误信息"),
                ("success", "Boolean", Some("true"), "是否成功"),
            ]
        );
        assert!(bullets(&[]).is_empty());
        assert!(bullets(&[("x".into(), 1)]).is_empty());
    }
}
