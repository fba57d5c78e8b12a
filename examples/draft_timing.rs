//! Quick timing of the draft checker on long drafts (the benchmark proper lives in benches/).
//!
//! Prints the mean time per review over 200 reviews, and the fastest of 20 batches of 10:
//! on a busy machine the mean carries other processes' time, the fastest batch much less.
//! Nothing is cached between reviews; only the compiled rules live for the whole process.
fn time(label: &str, text: &str) {
    let review = || overture::core::draft::review(std::hint::black_box(text));
    // Untimed: the first review in the process compiles the rules (about 2 ms, once).
    review();
    let n = 200;
    let start = std::time::Instant::now();
    let mut found = 0;
    for _ in 0..n {
        found += review().findings.len();
    }
    let per = start.elapsed() / n;
    let fastest = (0..20)
        .map(|_| {
            let start = std::time::Instant::now();
            for _ in 0..10 {
                std::hint::black_box(review());
            }
            start.elapsed() / 10
        })
        .min()
        .unwrap();
    println!(
        "{label}: {} words: {per:?} per review, fastest batch {fastest:?} ({} findings)",
        text.split_whitespace().count(),
        found / usize::try_from(n).unwrap()
    );
}

fn main() {
    // Realistic: the labelled corpus's lines, good and bad, run together into one long draft.
    let corpus = include_str!("../tests/fixtures/draft/corpus.jsonl");
    let lines: Vec<String> = corpus
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let mut text = String::new();
    'outer: loop {
        for line in &lines {
            text.push_str(line);
            text.push(' ');
            if text.split_whitespace().count() >= 2000 {
                break 'outer;
            }
        }
    }
    time("corpus mix", &text);
    let worst = "You never listen when I talk about my day and I feel alone. ".repeat(170);
    time("a finding in every sentence", &worst);
}
