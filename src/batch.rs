//! Batch: runs the pipeline over many inputs in parallel and writes the results
//! in input order.
//!
//! Work items come from a lazy iterator; at most a fixed window of them is in
//! flight (being read and processed by rayon workers, or finished and waiting
//! for an earlier one), so memory stays bounded however large the batch. Results
//! are written strictly in input order, so the output is byte-identical for any
//! number of jobs.

use crate::acquire::{Expanded, InputError};
use crate::emit::{Done, Sink};
use crate::record::{ErrorRecord, Record, Source};
use crate::{DocError, Pipeline, error_record};
use std::collections::{BTreeMap, HashMap};
use std::io;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// In-flight work items per job.
const WINDOW_PER_JOB: usize = 4;

/// What one input gave.
pub type Outcome = Result<Record, Box<ErrorRecord>>;

/// What a run did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub inputs: usize,
    pub records: usize,
    /// Errors by kind.
    pub errors: BTreeMap<String, usize>,
    /// Archive records that are not article pages, by reason.
    pub skipped: BTreeMap<String, usize>,
    /// Inputs passed over because an earlier run wrote their line (`--resume`).
    pub already_done: usize,
    /// Files of a folder passed over: neither a page nor an archive, by name or content.
    pub passed_over: usize,
    pub elapsed: Duration,
}

impl Summary {
    pub fn error_count(&self) -> usize {
        self.errors.values().sum()
    }
}

/// Processes every item with `jobs` workers, writing outcomes to `sink` in input
/// order; `observe` sees each outcome once it is written. Inputs that `done`
/// holds (an earlier run's output, when resuming) are passed over.
pub fn run(
    pipeline: &Pipeline,
    items: impl Iterator<Item = Expanded>,
    jobs: usize,
    sink: &mut Sink,
    done: Option<&Done>,
    mut observe: impl FnMut(&Outcome),
) -> io::Result<Summary> {
    let started = Instant::now();
    let jobs = jobs.max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("gleaner-worker-{i}"))
        .build()
        .map_err(io::Error::other)?;
    let window = jobs * WINDOW_PER_JOB;
    let mut summary = Summary::default();
    let mut writer = OrderedWriter { sink, next: 0, pending: HashMap::new() };
    let already_done = |source: &Source| done.is_some_and(|done| done.contains(source));

    pool.in_place_scope(|scope| -> io::Result<()> {
        let (tx, rx) = mpsc::channel::<(usize, Option<Outcome>)>();
        let mut issued = 0usize;
        for item in items {
            let index = issued;
            match item {
                Expanded::Skipped(reason) => {
                    *summary.skipped.entry(reason.to_string()).or_default() += 1;
                    continue;
                }
                Expanded::PassedOver(_) => {
                    summary.passed_over += 1;
                    continue;
                }
                Expanded::Work(work) => {
                    let tx = tx.clone();
                    scope.spawn(move |_| {
                        let outcome = pipeline.process_item_unless(work, already_done);
                        // The receiver is gone only when writing failed; the error is reported there.
                        let _ = tx.send((index, outcome));
                    });
                }
                Expanded::Failed(failed) => {
                    let InputError { origin, error } = *failed;
                    let source = origin.to_source();
                    let outcome =
                        (!already_done(&source)).then(|| Err(error_record(source, &DocError::Acquire(error))));
                    writer.pending.insert(index, outcome);
                }
            }
            issued += 1;
            writer.flush(&mut summary, &mut observe)?;
            while issued - writer.next >= window {
                let (i, outcome) = rx.recv().map_err(io::Error::other)?;
                writer.pending.insert(i, outcome);
                writer.flush(&mut summary, &mut observe)?;
            }
        }
        drop(tx);
        while writer.next < issued {
            let (i, outcome) = rx.recv().map_err(io::Error::other)?;
            writer.pending.insert(i, outcome);
            writer.flush(&mut summary, &mut observe)?;
        }
        Ok(())
    })?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Holds finished outcomes until every earlier one is written.
struct OrderedWriter<'s> {
    sink: &'s mut Sink,
    next: usize,
    /// Finished outcomes by index; `None` for an input passed over.
    pending: HashMap<usize, Option<Outcome>>,
}

impl OrderedWriter<'_> {
    fn flush(&mut self, summary: &mut Summary, observe: &mut impl FnMut(&Outcome)) -> io::Result<()> {
        while let Some(outcome) = self.pending.remove(&self.next) {
            self.next += 1;
            summary.inputs += 1;
            let Some(outcome) = outcome else {
                summary.already_done += 1;
                continue;
            };
            match &outcome {
                Ok(record) => {
                    self.sink.write_record(record)?;
                    summary.records += 1;
                }
                Err(error) => {
                    self.sink.write_error(error)?;
                    *summary.errors.entry(error.kind.clone()).or_default() += 1;
                }
            }
            observe(&outcome);
        }
        Ok(())
    }
}
