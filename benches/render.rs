//! Time to render every artifact plus the startup prediction for the seed
//! config: the work the page does on each keystroke. Goal: under 20 µs.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use nginx_lockdown::generate::Artifacts;
use nginx_lockdown::model::Config;
use nginx_lockdown::predict::predict;
use nginx_lockdown::preset;

fn render_all(c: &mut Criterion) {
    let seed = Config::default();
    c.bench_function("seed: artifacts + prediction", |b| {
        b.iter(|| {
            let config = black_box(&seed);
            (Artifacts::new(config), predict(config))
        })
    });
    let consolidated = preset::find("consolidated").map(|p| p.config()).unwrap_or_default();
    c.bench_function("consolidated: artifacts + prediction", |b| {
        b.iter(|| {
            let config = black_box(&consolidated);
            (Artifacts::new(config), predict(config))
        })
    });
}

criterion_group!(benches, render_all);
criterion_main!(benches);
