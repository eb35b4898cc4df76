//! Work the window runs in the background (what-if batches, a challenge's debrief) on Bevy's
//! async compute pool, so frames keep coming: the work ticks a counter the window reads as
//! progress, and its result is picked up without blocking once it is done.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bevy::tasks::{AsyncComputeTaskPool, Task, TaskPool, block_on};

/// A piece of background work.
pub struct Background<T> {
    task: Option<Task<T>>,
    total: u64,
    done: Arc<AtomicU64>,
}

impl<T: Send + 'static> Background<T> {
    /// Start `work`, which calls its tick once per unit of `total`. The pool is Bevy's
    /// (started by the app; tests without an app get a default one).
    pub fn start(total: u64, work: impl FnOnce(&(dyn Fn() + Sync)) -> T + Send + 'static) -> Self {
        let done = Arc::new(AtomicU64::new(0));
        let ticks = done.clone();
        let pool = AsyncComputeTaskPool::get_or_init(TaskPool::default);
        let task = pool.spawn(async move {
            work(&|| {
                ticks.fetch_add(1, Ordering::Relaxed);
            })
        });
        Background {
            task: Some(task),
            total,
            done,
        }
    }

    /// Share of the work done, 0 to 1.
    pub fn progress(&self) -> f32 {
        self.done.load(Ordering::Relaxed) as f32 / self.total.max(1) as f32
    }

    /// The result, handed over once when the work is done (never waits for it).
    pub fn poll(&mut self) -> Option<T> {
        let task = self.task.take_if(|t| t.is_finished())?;
        Some(block_on(task))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_runs_in_the_background_and_reports_progress_then_its_result() {
        let gate = Arc::new(std::sync::Barrier::new(2));
        let inside = gate.clone();
        let mut job = Background::start(4, move |tick| {
            tick();
            inside.wait(); // hold here until the test has looked
            (0..3).for_each(|_| tick());
            42
        });
        while job.progress() < 0.25 {
            std::thread::yield_now();
        }
        assert_eq!(job.poll(), None, "still running");
        gate.wait();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut result = None;
        while result.is_none() && std::time::Instant::now() < deadline {
            result = job.poll();
            std::thread::yield_now();
        }
        assert_eq!(result, Some(42));
        assert_eq!(job.progress(), 1.0);
        assert_eq!(job.poll(), None, "handed over once");
    }
}
