//! The scheduler: a tokio task started with the server that runs a reminder pass at every tick
//! once the local day's send hour has come. The day comes from the app's clock, so a test's
//! `ManualClock` moves it.

use std::time::Duration;

use chitieu_app::LocalClock;
use chitieu_core::plan::Date;
use chrono::Timelike as _;
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

use crate::reminders::run_reminders;
use crate::state::AppState;

/// Starts the scheduler when reminders are enabled; the handle ends it (`abort`).
pub fn spawn_reminders(state: &AppState) -> Option<JoinHandle<()>> {
    if !state.config.reminders.enabled {
        return None;
    }
    if let Some(mailer) = state.mailer.as_deref() {
        tracing::info!(server = mailer.server(), "reminders: e-mail and in-app notices");
    } else {
        tracing::info!("reminders: in-app notices only (no SMTP host configured)");
    }
    let state = state.clone();
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(state.config.reminders.tick_seconds));
        tick.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let Some(day) = day_to_send(&state.clock, state.config.reminders.send_hour) else { continue };
            let started = std::time::Instant::now();
            let pass = run_reminders(&state, day).await;
            let elapsed_ms = started.elapsed().as_millis();
            match pass {
                Ok(run) if run.recorded + run.retried > 0 => tracing::info!(?run, %day, elapsed_ms, "reminders sent"),
                Ok(run) => tracing::debug!(?run, %day, elapsed_ms, "reminder pass: nothing new"),
                Err(error) => tracing::error!(%error, %day, "reminder pass failed; the next tick tries again"),
            }
        }
    }))
}

/// The local day whose digests may go out now by `clock`: none before the send hour.
pub(crate) fn day_to_send(clock: &LocalClock, send_hour: u8) -> Option<Date> {
    (clock.local_now().hour() >= u32::from(send_hour)).then(|| clock.today())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chitieu_app::ManualClock;
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::config::RemindersConfig;

    #[test]
    fn the_day_is_local_and_starts_at_the_send_hour() {
        let config = RemindersConfig::default(); // UTC+7, from 07:00
        let at = |s: &str, offset: i8| {
            let now = s.parse::<DateTime<Utc>>().expect("time");
            LocalClock::new(Arc::new(ManualClock::new(now)), offset)
        };
        let send = |s: &str| day_to_send(&at(s, config.utc_offset_hours), config.send_hour);
        assert_eq!(send("2026-06-17T23:59:00Z"), None, "06:59 in Hà Nội");
        assert_eq!(send("2026-06-18T00:00:00Z"), Date::new(2026, 6, 18));
        assert_eq!(send("2026-06-18T16:59:00Z"), Date::new(2026, 6, 18), "23:59 local");
        assert_eq!(send("2026-06-18T17:00:00Z"), None, "00:00 the next local day");
        assert_eq!(day_to_send(&at("2026-12-31T23:00:00Z", 0), 0), Date::new(2026, 12, 31));
    }
}
