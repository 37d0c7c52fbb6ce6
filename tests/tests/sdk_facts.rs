//! What the official DingTalk SDKs know beyond the seed tables (#16): the
//! positions query read in both of its shapes, and the fields the tables
//! lack, through the generated types and the runtime's envelope.

use oapi_client::dingtalk::{attendance, blackboard, report};
use oapi_client::runtime::envelope::{Answer, unwrap};
use oapi_client::{Endpoint, Paged};
use serde_json::json;

/// The business part of `body` as the endpoint's gateway reads it, decoded.
fn decode<E: Endpoint>(body: &serde_json::Value) -> E::Response {
    let text = body.to_string();
    let answer = Answer {
        status: 200,
        content_type: Some("application/json"),
        body: text.as_bytes(),
    };
    let payload = unwrap(E::INFO.name, E::INFO.gateway.envelope, answer).expect("a success");
    oapi_client::runtime::envelope::read::<E::Response>(
        E::INFO.name,
        text.as_bytes(),
        &payload,
        true,
    )
    .expect("decodes")
}

#[test]
fn the_positions_query_is_read_flat_and_as_the_sdks_read_it() {
    let positions = json!({
        "position_list": [
            {"address": "西溪园区", "latitude": "30.123", "longitude": "120.123", "position_key": "K1", "offset": 100},
            {"address": "滨江园区", "latitude": "30.2", "longitude": "120.2", "position_key": "K2", "offset": 50}
        ],
        "has_more": true
    });
    let flat = json!({"errcode": 0, "errmsg": "", "result": positions, "success": true});
    let sdk = json!({"result": {"errcode": 0, "errmsg": "", "success": true, "result": positions}});
    type Query = attendance::group_positions_query::Request;
    let request = Query::new("group-1").cursor("K0").size(2);
    for (shape, body) in [("flat", flat), ("sdk", sdk)] {
        let response = decode::<Query>(&body);
        let items = Query::items(&response);
        let keys: Vec<_> = items.iter().map(|p| p.position_key.as_deref()).collect();
        assert_eq!(keys, [Some("K1"), Some("K2")], "{shape}");
        assert_eq!(items[0].offset, Some(100), "{shape}");
        // Paging goes on from the last item, as has_more says.
        let next = request
            .next_page(&response)
            .expect("no loop")
            .expect("has_more");
        assert_eq!(next.cursor.as_deref(), Some("K2"), "{shape}");
    }
    // An error code one level down is an error, not an empty page.
    let text = json!({"result": {"errcode": 90018, "errmsg": "busy"}}).to_string();
    let answer = Answer {
        status: 200,
        content_type: None,
        body: text.as_bytes(),
    };
    let error = unwrap("e", <Query as Endpoint>::INFO.gateway.envelope, answer).unwrap_err();
    assert!(error.is_throttling(), "{error:?}");
}

#[test]
fn fields_the_seed_tables_lack_are_sent_and_read() {
    use blackboard::create::{Attachment, BlackboardReceiver, CreateRequest, Request};
    let request = Request::new(
        CreateRequest::new("manager01", BlackboardReceiver::new(), "t", "c")
            .downloadable(false)
            .attachments(vec![
                Attachment::new()
                    .file_id("f1")
                    .file_type("pdf")
                    .name("a.pdf")
                    .size(2048)
                    .space_id("s1"),
            ]),
    );
    let body = serde_json::to_value(&request).expect("serialises");
    assert_eq!(
        body["create_request"]["attachments"],
        json!([{"fileId": "f1", "fileType": "pdf", "name": "a.pdf", "size": 2048, "spaceId": "s1"}])
    );
    assert_eq!(body["create_request"]["downloadable"], json!(false));

    let got = decode::<blackboard::get::Request>(
        &json!({"errcode": 0, "result": {"id": "b1", "senderStaffId": "manager01"}}),
    );
    assert_eq!(
        got.result.and_then(|r| r.sender_staff_id).as_deref(),
        Some("manager01")
    );

    let top_ten = blackboard::listtopten::Request::new("u1").category_id("c9");
    assert_eq!(
        serde_json::to_value(&top_ten).expect("serialises")["categoryId"],
        json!("c9")
    );
    let listed = decode::<blackboard::listtopten::Request>(&json!({
        "errcode": 0,
        "blackboard_list": [{"id": "b1", "categoryName": "通知", "isPushTop": true, "privateLevel": 20}]
    }));
    let first = &listed.blackboard_list.expect("listed")[0];
    assert_eq!(first.category_name.as_deref(), Some("通知"));
    assert_eq!(
        (first.is_push_top, first.private_level),
        (Some(true), Some(20))
    );

    let reports = decode::<report::list::Request>(&json!({
        "errcode": 0,
        "result": {"data_list": [{"report_id": "r1", "images": ["https://x/1.png"], "latitude": "30.1", "longitude": "120.2"}]}
    }));
    let report = &reports.result.and_then(|r| r.data_list).expect("listed")[0];
    assert_eq!(
        report.images.as_deref(),
        Some(&["https://x/1.png".to_owned()][..])
    );
    assert_eq!(
        (report.latitude.as_deref(), report.longitude.as_deref()),
        (Some("30.1"), Some("120.2"))
    );
}
