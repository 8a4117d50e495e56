//! Regenerate `data/statutes.bin`, the compact statute tables compiled into yakkan, from
//! `../shared/statutes/` (or the folder given): `cargo run --example statutes_table`.

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/statutes".to_string());
    match yakkan::statutes::json::compact_table(std::path::Path::new(&dir)) {
        Ok(bytes) => {
            let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/statutes.bin");
            if let Err(e) = std::fs::write(&out, &bytes) {
                eprintln!("{}: {e}", out.display());
                std::process::exit(2);
            }
            println!("{}: {} bytes", out.display(), bytes.len());
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
