use oapi_client::Validate;

#[derive(Validate)]
#[validate(window(start = start_time, end = end_time))]
#[validate(window(end = end_time, max_days = 7))]
#[validate(window(start = "start_time", end = end_time, end = end_time, max_days = 1, days = 2))]
struct Request {
    start_time: i64,
    end_time: i64,
}

fn main() {}
