//! Deterministic data the fake platform serves: the same on every start, so
//! tests can count pages and items exactly.

use serde_json::{Value, json};

/// Epoch milliseconds of the first seeded report/check-in (2023-11-14 22:13:20 UTC).
pub const BASE_TIME_MS: i64 = 1_700_000_000_000;
const HOUR_MS: i64 = 3_600_000;

/// Seeded counts, for tests that page through everything.
pub mod counts {
    /// Pending hires (`hrm.querypreentry`).
    pub const PREENTRY: usize = 123;
    /// Employees on the job (`hrm.queryonjob`), all statuses together.
    pub const ONJOB: usize = 230;
    /// Employees who left (`hrm.dismissions`).
    pub const DISMISSED: usize = 75;
    /// Reports (`report.list`, `report.simplelist`), before any is created.
    pub const REPORTS: usize = 47;
    /// Readers of each report (`report.statistics_listbytype`, type 0).
    pub const READERS: usize = 130;
    /// Receivers of each report (`report.receiver_list`).
    pub const RECEIVERS: usize = 120;
    /// Comments on each report (`report.comment_list`).
    pub const COMMENTS: usize = 25;
    /// Report templates (`report.template_listbyuserid`).
    pub const TEMPLATES: usize = 3;
    /// Check-ins per user (`checkin.record_get`), one every 6 hours from [`super::BASE_TIME_MS`].
    pub const CHECKINS_PER_USER: usize = 40;
    /// Positions of group [`super::GROUP_KEY`] (`attendance.group_positions_query`).
    pub const POSITIONS: usize = 23;
    /// 食亨 employees.
    pub const SHIHENG_EMPLOYEES: usize = 47;
}

/// The seeded attendance group.
pub const GROUP_KEY: &str = "0151E0223B1EDDDF00DD6B7F72A1A917E876";
/// The report creators, in rotation.
pub const REPORT_CREATORS: [&str; 3] = ["manager01", "user0002", "user0003"];
/// The queryonjob statuses, in rotation (试用期, 正式, 待离职, 无状态).
pub const ONJOB_STATUSES: [i64; 4] = [2, 3, 5, -1];

pub(crate) struct Seed {
    pub(crate) preentry: Vec<String>,
    /// (userid, status)
    pub(crate) onjob: Vec<(String, i64)>,
    pub(crate) dismissed: Vec<String>,
    pub(crate) reports: Vec<Value>,
    pub(crate) templates: Vec<Value>,
    pub(crate) categories: Vec<Value>,
    pub(crate) positions: Vec<Value>,
    pub(crate) shiheng_employees: Vec<Value>,
}

impl Seed {
    pub(crate) fn new() -> Self {
        Seed {
            preentry: (1..=counts::PREENTRY).map(|i| format!("pre{i:04}")).collect(),
            onjob: (1..=counts::ONJOB)
                .map(|i| (format!("user{i:04}"), ONJOB_STATUSES[i % ONJOB_STATUSES.len()]))
                .collect(),
            dismissed: (1..=counts::DISMISSED).map(|i| format!("left{i:04}")).collect(),
            reports: (0..counts::REPORTS).map(report).collect(),
            templates: ["日报", "周报", "月报"]
                .iter()
                .enumerate()
                .map(|(i, name)| {
                    json!({
                        "name": name,
                        "icon_url": format!("https://landray.dingtalkapps.com/alid/app/report/images/ico-png/{i}.png"),
                        "report_code": format!("{:032x}", 0xabc0 + i),
                        "url": format!("https://landray.dingtalkapps.com/alid/app/report/createReport_new.html?id={i}"),
                    })
                })
                .collect(),
            categories: vec![
                json!({"id": "cat-notice", "name": "通知"}),
                json!({"id": "cat-daily", "name": "日签"}),
            ],
            positions: (1..=counts::POSITIONS)
                .map(|i| {
                    json!({
                        "address": format!("阿里巴巴西溪园区{i}号楼"),
                        "latitude": format!("30.{:06}", 123_000 + i),
                        "longitude": format!("120.{:06}", 123_000 + i),
                        "position_key": format!("POS{i:033}"),
                        "offset": 100,
                    })
                })
                .collect(),
            shiheng_employees: (1..=counts::SHIHENG_EMPLOYEES)
                .map(|i| {
                    let status = [1, 2, 4, 5, 6][i % 5];
                    let gender = ["0", "1", "2"][i % 3];
                    json!({
                        "id": 1_473_492 + i,
                        "weComUserId": format!("wecom{i:03}"),
                        "status": status,
                        "name": format!("员工{i}"),
                        "corpId": "corp-fake",
                        "followUserFlag": i % 2 == 0,
                        "userId": null,
                        "gender": gender,
                        "avatarUrl": null,
                        "qrCodeUrl": null,
                        "mobileNumber": null,
                        "emailAddress": null,
                        "businessEmail": null,
                        "address": null,
                        "phone": null,
                    })
                })
                .collect(),
        }
    }
}

fn report(i: usize) -> Value {
    let time = BASE_TIME_MS + i as i64 * HOUR_MS;
    let template = if i % 2 == 0 { "日报" } else { "周报" };
    let creator = REPORT_CREATORS[i % REPORT_CREATORS.len()];
    json!({
        "contents": [
            {"sort": "0", "type": "1", "key": "今日工作", "value": format!("开发工作 {i}")},
            {"sort": "1", "type": "1", "key": "明日计划", "value": "继续开发"},
        ],
        "remark": format!("备注 {i}"),
        "template_name": template,
        "dept_name": "研发部",
        "creator_name": format!("员工{creator}"),
        "creator_id": creator,
        "create_time": time,
        "report_id": format!("report{i:04}"),
        "modified_time": time,
    })
}

/// Check-in records of `userid`, every 6 hours from [`BASE_TIME_MS`].
pub(crate) fn checkins(userid: &str) -> impl Iterator<Item = Value> + '_ {
    (0..counts::CHECKINS_PER_USER).map(move |k| {
        json!({
            "checkin_time": BASE_TIME_MS + k as i64 * 6 * HOUR_MS,
            "detail_place": "杭州市余杭区五常街道",
            "remark": format!("拜访 {k}"),
            "userid": userid,
            "place": "绿城未来park",
            "longitude": "120.017394",
            "latitude": "30.286046",
            "visit_user": "刘先生",
        })
    })
}
