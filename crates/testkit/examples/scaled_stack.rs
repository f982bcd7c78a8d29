//! Prints a seed-shaped stack at a scale: `cargo run -p meridian-testkit --example scaled_stack -- 20 50`.

fn main() {
    let mut args = std::env::args().skip(1);
    let mut next = |what: &str| -> usize {
        args.next()
            .and_then(|value| value.parse().ok())
            .unwrap_or_else(|| panic!("usage: scaled_stack REGIONS SERVICES (missing {what})"))
    };
    let regions = next("REGIONS");
    let services = next("SERVICES");
    print!(
        "{}",
        meridian_testkit::scale::scaled_stack(meridian_testkit::scale::Scale::new(
            regions, services
        ))
    );
}
