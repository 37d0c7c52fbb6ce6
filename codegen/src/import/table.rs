//! The table forms of the seeds, each read into the same [`Row`]s:
//!
//! - pipe tables, with or without `| --- |` lines, with or without outer
//!   pipes, rows continued on the next lines up to a closing `|`
//!   (`名称 | 类型 | 是否必填 | 示例值 | 描述 |`);
//! - 食亨 trees: pipe rows whose names start with `├`/`└` (the glyphs give
//!   the depth);
//! - TOP tables: space-separated (`名称 类型 是否必须 示例值 更多限制 描述`),
//!   with a response's children as bullet groups (`• name`, `• Type`,
//!   `• example`, `• description`, `└ ` before nested names).

use super::model::Note;
use super::text::{Line, has_cjk, is_field_name, short, strip_tree};

/// One documented parameter row.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Row {
    /// Wire name.
    pub name: String,
    /// Tree depth from `├`/`└` glyphs (0: top level or unknown).
    pub depth: usize,
    /// Documented type, as written.
    pub ty: String,
    /// 是/必须/必选 → true, 否/可选 → false; `None` when not documented.
    pub required: Option<bool>,
    /// 示例值.
    pub example: Option<String>,
    /// 默认值.
    pub default: Option<String>,
    /// 描述.
    pub description: String,
    /// 更多限制 (TOP tables).
    pub limits: String,
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
}

/// Header words of the name column.
const NAME_HEADERS: &[&str] = &[
    "名称",
    "参数名",
    "参数名称",
    "参数",
    "字段",
    "字段名",
    "字段名称",
    "属性",
    "name",
    "参数名字",
];

fn role(header: &str) -> Option<&'static str> {
    let h = header.trim().to_lowercase();
    let h = h.as_str();
    if NAME_HEADERS.contains(&h) {
        Some("name")
    } else if matches!(h, "类型" | "参数类型" | "数据类型" | "type") {
        Some("type")
    } else if matches!(
        h,
        "是否必填" | "必填" | "是否必须" | "必须" | "必选" | "是否必选" | "required"
    ) {
        Some("required")
    } else if matches!(h, "示例值" | "示例" | "example" | "样例") {
        Some("example")
    } else if matches!(h, "默认值" | "默认" | "default") {
        Some("default")
    } else if matches!(
        h,
        "描述" | "说明" | "描述信息" | "参数说明" | "备注" | "description" | "含义"
    ) {
        Some("description")
    } else if matches!(h, "更多限制" | "限制") {
        Some("limits")
    } else {
        None
    }
}

/// Columns of a header row, if it is a parameter table's header (its first
/// cell names the parameter and some other cell is a type or description).
pub fn header(cells: &[String]) -> Option<Columns> {
    if cells.len() < 2 || role(cells.first()?) != Some("name") {
        return None;
    }
    let mut columns = Columns {
        count: cells.len(),
        ..Columns::default()
    };
    for (index, cell) in cells.iter().enumerate().skip(1) {
        let slot = match role(cell) {
            Some("type") => &mut columns.ty,
            Some("required") => &mut columns.required,
            Some("example") => &mut columns.example,
            Some("default") => &mut columns.default,
            Some("description") => &mut columns.description,
            Some("limits") => &mut columns.limits,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(index);
        }
    }
    (columns.ty.is_some() || columns.description.is_some()).then_some(columns)
}

/// The cells of a pipe row: one outer `|` on each side dropped, cells trimmed.
pub fn split_pipes(line: &str) -> Vec<String> {
    let trimmed = line.trim();
    let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// A `| --- | :---: |` line.
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains("---") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// 是/必须/必选/必填 → true; 否/可选 → false.
pub fn required(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "必须" | "必选" | "必填" | "true" | "y" | "yes" | "required" => Some(true),
        "否" | "可选" | "非必须" | "非必填" | "false" | "n" | "no" | "optional" => {
            Some(false)
        }
        _ => None,
    }
}

/// A pipe table read from its header line: the rows and the index of the
/// first line after it.
pub struct PipeTable {
    /// Rows in order.
    pub rows: Vec<Row>,
    /// Whether names carried tree glyphs (the depth is given).
    pub tree: bool,
    /// Index of the first line after the table.
    pub next: usize,
    /// Rows that could not be read.
    pub notes: Vec<Note>,
}

/// Reads the pipe table whose header is `lines[start]`.
pub fn read_pipe_table(
    lines: &[Line],
    start: usize,
    columns: &Columns,
    stop: &dyn Fn(&str) -> bool,
) -> PipeTable {
    let closing_pipes = lines.get(start).is_some_and(|l| l.text.ends_with('|'));
    let mut table = PipeTable {
        rows: Vec::new(),
        tree: false,
        next: start + 1,
        notes: Vec::new(),
    };
    let mut index = start + 1;
    while let Some(line) = lines.get(index) {
        let text = line.text.as_str();
        if text.is_empty() || stop(text) || !text.contains('|') {
            break;
        }
        if is_separator(text) {
            index += 1;
            continue;
        }
        if header(&split_pipes(text)).is_some() {
            // The next table's header.
            break;
        }
        let mut joined = text.to_owned();
        let mut last = index;
        if closing_pipes && !text.ends_with('|') {
            // The description goes on over the next lines, up to a line
            // ending with `|`.
            for ahead in index + 1..(index + 12).min(lines.len()) {
                let next = lines[ahead].text.as_str();
                if next.is_empty() || stop(next) || starts_row(next, columns) {
                    break;
                }
                if next.ends_with('|') {
                    let parts: Vec<&str> = lines[index + 1..=ahead]
                        .iter()
                        .map(|l| l.text.as_str())
                        .collect();
                    joined = format!("{text} {}", parts.join(" "));
                    last = ahead;
                    break;
                }
            }
        }
        let cells = split_pipes(&joined);
        match pipe_row(&cells, columns, line.no) {
            Ok(row) => {
                table.tree |= row.depth > 0;
                table.rows.push(row);
            }
            Err(Some(note)) => table.notes.push(note),
            Err(None) => {}
        }
        index = last + 1;
    }
    table.next = index;
    table
}

/// Whether `text` is itself a new row (so not a continuation line).
fn starts_row(text: &str, columns: &Columns) -> bool {
    let cells = split_pipes(text);
    cells.len() + 1 >= columns.count
        && cells
            .first()
            .is_some_and(|c| is_field_name(strip_tree(c).1))
}

/// One pipe row; `Err(None)` for rows to skip silently (empty), `Err(Some)`
/// for rows that are not parameters.
pub fn pipe_row(cells: &[String], columns: &Columns, line: usize) -> Result<Row, Option<Note>> {
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
                .map(|c| c.join(" | "))
                .unwrap_or_default()
                .trim()
                .to_owned()
        } else {
            cells.get(index).cloned().unwrap_or_default()
        }
    };
    let raw_name = cell(Some(columns.name));
    let (depth, name) = strip_tree(&raw_name);
    if name.is_empty() {
        return Err(None);
    }
    if !is_field_name(name) {
        return Err(Some(Note::todo(format!(
            "page line {line}: row `{}` skipped: not a parameter name",
            short(name, 30)
        ))));
    }
    let mut row = Row {
        name: name.to_owned(),
        depth,
        ty: cell(columns.ty),
        required: None,
        example: Some(cell(columns.example)).filter(|e| !e.is_empty()),
        default: Some(cell(columns.default)).filter(|e| !e.is_empty()),
        description: cell(columns.description),
        limits: cell(columns.limits),
        line,
        notes: Vec::new(),
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

    fn cells(text: &str) -> Vec<String> {
        split_pipes(text)
    }

    #[test]
    fn markdown_table_with_separator() {
        let page = "| 名称   | 类型   | 是否必填 | 示例值 | 描述 |\n| ------ | ------ | -------- | ------ | ---- |\n| offset | Number | 是       | 0      | 分页游标，从0开始。 |\n| size   | Number | 是       | 50     | 分页大小，最大50。 |\n\n| x | y |";
        let lines = lines(page);
        let columns = header(&cells(&lines[0].text)).unwrap_or_default();
        let table = read_pipe_table(&lines, 0, &columns, &|_| false);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[1].name, "size");
        assert_eq!(table.rows[1].ty, "Number");
        assert_eq!(table.rows[1].required, Some(true));
        assert_eq!(table.rows[1].example.as_deref(), Some("50"));
        assert_eq!(table.rows[1].description, "分页大小，最大50。");
        assert_eq!(table.next, 4);
        assert!(!table.tree);
    }

    #[test]
    fn pipe_rows_without_separator_and_continuations() {
        let page = "名称 | 类型 | 是否必填 | 示例值 | 描述 |\naccess_token | String | 是 | 6d1bxxxx | 调用该接口的应用凭证。\n|\nto_cids | String[] | 否 | 123 | 日志要发送到的群ID。 重要\n进入钉钉工作台,设置该日志模板的默认接收群。\n|\ncreate_request | OapiCreateBlackboardVo | 是 | 请求对象。 | |\n返回参数";
        let lines = lines(page);
        let columns = header(&cells(&lines[0].text)).unwrap_or_default();
        let table = read_pipe_table(&lines, 0, &columns, &|t| t == "返回参数");
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
        let columns = header(&cells(&lines[0].text)).unwrap_or_default();
        let table = read_pipe_table(&lines, 0, &columns, &|_| false);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0].example, None);
        assert_eq!(table.rows[0].description, "每页条目数,默认值30,最大值50。");
    }

    #[test]
    fn shiheng_tree_rows() {
        let page = "名称 | 必选 | 类型 | 默认值 | 描述 |\n---|---|---|---|---|\nappId | 是 | string | 应用唯一标识appId | |\nparamContent | 是 | object | 参数内容 | |\n├ pageNum | 是 | integer | 页码 [>= 1] | |\n└ pageSize | 是 | integer | 每页条数 [1~50] |";
        let lines = lines(page);
        let columns = header(&cells(&lines[0].text)).unwrap_or_default();
        let table = read_pipe_table(&lines, 0, &columns, &|_| false);
        assert!(table.tree);
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
        let columns = header(&cells(&two[0].text)).unwrap_or_default();
        let first = read_pipe_table(&two, 0, &columns, &|_| false);
        assert_eq!((first.rows.len(), first.next), (1, 2));
    }

    #[test]
    fn rows_that_are_not_parameters() {
        let columns = header(&cells("名称 | 类型 | 描述 |")).unwrap_or_default();
        assert!(matches!(pipe_row(&cells("| | |"), &columns, 1), Err(None)));
        assert!(matches!(
            pipe_row(&cells("企业内部应用 | 支持 | x |"), &columns, 1),
            Err(Some(_))
        ));
        assert_eq!(header(&cells("应用类型 | 是否支持 | 权限 |")), None);
        assert_eq!(header(&cells("名称")), None);
        assert!(is_separator("---|---|"));
        assert!(!is_separator("a|b"));
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
