use oapi_client::Validate;

#[derive(Validate)]
#[validate(window(start = strat_time, end = finish, max_days = 30))]
struct Request {
    start_time: i64,
    end_time: i64,
}

fn main() {}
