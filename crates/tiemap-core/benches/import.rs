//! Import speed: a 30,000-row Connections.csv (generated, seeded) must parse in under 50 ms,
//! alone and inside a ZIP archive.

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::io::Write;
use tiemap_core::import::{import_files, InputFile, Limits};
use tiemap_core::sample::{connections_csv, linkedin_sample};

fn connections_30k() -> Vec<u8> {
    let sample = linkedin_sample(30_000, 7);
    connections_csv(&sample.export.people).into_bytes()
}

fn zipped(name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let zipped = writer
        .start_file(name, options)
        .and_then(|()| writer.write_all(bytes).map_err(Into::into))
        .and_then(|()| writer.finish());
    match zipped {
        Ok(cursor) => cursor.into_inner(),
        Err(e) => panic!("building the bench ZIP failed: {e}"),
    }
}

fn bench_import(c: &mut Criterion) {
    let csv = connections_30k();
    let files = [InputFile {
        name: "Connections.csv".into(),
        bytes: csv.clone(),
    }];
    let limits = Limits::default();
    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.bench_function("connections_csv_30k", |b| {
        b.iter(|| import_files(black_box(&files), &limits))
    });
    let archive = [InputFile {
        name: "Basic_LinkedInDataExport.zip".into(),
        bytes: zipped("Basic_LinkedInDataExport/Connections.csv", &csv),
    }];
    group.bench_function("connections_zip_30k", |b| {
        b.iter(|| import_files(black_box(&archive), &limits))
    });
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
