//! `chitieu bench`: times the product's answers on a large database (`chitieu demo --scale
//! national`) beside the bare SQL that computes the same numbers in the same database: the
//! overview and the heat map of one province, one indicator across the country's communes, the
//! national ranking and the .xlsx export of one province. The answers go through the real
//! router in-process (sign-in session, handlers, templates), without the network.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chitieu_app::SystemClock;
use chitieu_core::period::Period;
use chitieu_store::{NewSession, NewUser, SqlStore, UserRole};
use chitieu_web::AppState;
use clap::Args;
use comfy_table::Table;
use serde::Serialize;
use tower::ServiceExt as _;

use crate::db::now;

#[derive(Debug, Clone, Args)]
pub struct BenchArgs {
    /// Timed runs of each answer (after two untimed ones).
    #[arg(long, default_value_t = 20)]
    runs: usize,
    /// The period judged.
    #[arg(long, default_value = "2026-Q2")]
    period: String,
    /// The indicator read across the country, by its code.
    #[arg(long, default_value = "1.1")]
    code: String,
    /// Print the figures as JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Only these answers (1 overview, 2 heat map, 3 indicator, 4 national ranking, 5 export).
    #[arg(long, value_delimiter = ',')]
    only: Vec<usize>,
}

/// Judged cells of reports sent for the plans and period in `where`: the reads and the
/// comparisons of the judging, in SQL (the time-based on-track split left out).
fn cells(filter: &str) -> String {
    format!(
        "SELECT r.org_id, i.section, i.code, v.item_key, \
         CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END AS x, \
         CASE \
           WHEN v.task_status IS NOT NULL THEN CASE WHEN v.task_status = 'done' THEN 'done' ELSE 'in_progress' END \
           WHEN t.op IS NULL OR t.op = 'qualitative' THEN 'not_judged' \
           WHEN t.op = 'bool' THEN CASE WHEN v.yes_no = 1 THEN 'met' ELSE 'not_met' END \
           WHEN (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) IS NULL \
             THEN 'not_judged' \
           WHEN (t.op = '>=' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) >= t.value) \
             OR (t.op = '>' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) > t.value) \
             OR (t.op = '<=' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) <= t.value) \
             OR (t.op = '<' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) < t.value) \
             OR (t.op = '=' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) >= t.value) \
             OR (t.op = 'range' AND (CASE WHEN v.denominator > 0 THEN 100.0 * v.numerator / v.denominator ELSE v.number END) \
                 BETWEEN t.value AND t.value_max) \
             THEN 'met' ELSE 'not_met' END AS status, \
         v.comment \
         FROM periods p JOIN reports r ON r.period_id = p.id \
         JOIN report_values v ON v.report_id = r.id \
         JOIN plans pl ON pl.plan_key = p.plan_key AND pl.status <> 'amended' \
         JOIN items i ON i.plan_id = pl.id AND i.item_key = v.item_key \
         LEFT JOIN targets t ON t.id = (SELECT t2.id FROM targets t2 WHERE t2.item_id = i.id \
           AND (t2.year IS NULL OR t2.year >= p.year) ORDER BY t2.year, t2.position LIMIT 1) \
         WHERE p.kind = 'quarter' AND p.year = $1 AND p.quarter = $2 AND r.status IN ('submitted', 'approved') \
         AND NOT EXISTS (SELECT 1 FROM report_values w WHERE w.report_id = v.report_id AND w.item_key = v.item_key \
           AND w.subject = v.subject AND w.revision > v.revision) {filter}"
    )
}

/// One answer timed both ways.
#[derive(Debug, Serialize)]
struct Figure {
    answer: String,
    ours_p50_ms: f64,
    ours_p95_ms: f64,
    sql_p50_ms: f64,
    sql_p95_ms: f64,
    /// Bytes of the product's answer; rows of the bare SQL.
    bytes: usize,
    rows: usize,
}

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort_unstable();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index].as_secs_f64() * 1000.0
}

async fn signed_in(store: &SqlStore) -> anyhow::Result<String> {
    let user = if let Some((user, _)) = store.user("bench").await? {
        user
    } else {
        let hash = chitieu_app::hash_password("bench-only-not-for-sign-in")?;
        let user = NewUser {
            username: "bench".into(),
            display_name: "Đo hiệu năng".into(),
            org: None,
            role: UserRole::Leader,
            password_hash: hash,
            email: None,
        };
        store.add_user(user, "bench", &now()).await?
    };
    let id = format!("bench-{}", std::process::id());
    let later = (chrono::Utc::now() + chrono::Duration::hours(2)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let session = NewSession {
        id: id.clone(),
        user_id: user.id,
        csrf_token: "bench".into(),
        created_at: now(),
        expires_at: later,
    };
    store.create_session(&session).await?;
    Ok(format!("chitieu_session={id}"))
}

pub async fn run(store: SqlStore, args: BenchArgs) -> anyhow::Result<()> {
    let period =
        Period::parse(&args.period).with_context(|| format!("--period \"{}\" is not a period", args.period))?;
    let Some(quarter) = period.quarter else { bail!("--period must be a quarter (2026-Q2)") };
    let plans = store.current_plans().await?;
    let Some(plan) = plans.iter().min_by_key(|p| p.id) else {
        bail!("the database holds no plan: run `chitieu demo --scale national --no-serve` first")
    };
    let cookie = signed_in(&store).await?;
    let router = chitieu_web::router(AppState::new(store.clone(), Arc::new(SystemClock)));
    let code = &args.code;
    let answers: [(&str, String, String, Vec<String>); 5] = [
        (
            "Tổng quan một tỉnh, một quý",
            format!("/tong-quan/{}?ky={period}", plan.id),
            format!(
                "SELECT section, status, COUNT(*) FROM ({}) c GROUP BY section, status",
                cells("AND p.plan_key = $3")
            ),
            vec![plan.key.clone()],
        ),
        (
            "Bản đồ nhiệt một tỉnh",
            format!("/ban-do-nhiet/{}?ky={period}", plan.id),
            format!(
                "SELECT org_id, item_key, status FROM ({}) c ORDER BY org_id, item_key",
                cells("AND p.plan_key = $3")
            ),
            vec![plan.key.clone()],
        ),
        (
            "Một chỉ tiêu, mọi xã cả nước",
            format!("/api/v1/indicators/{code}?period={period}&kind=commune"),
            format!(
                "SELECT c.org_id, c.x, c.status FROM ({}) c JOIN orgs o ON o.id = c.org_id WHERE o.kind = 'commune'",
                cells("AND i.code = $3")
            ),
            vec![code.clone()],
        ),
        (
            "Xếp hạng toàn quốc",
            format!("/api/v1/ranking?period={period}"),
            format!(
                "SELECT org_id, CAST(AVG(score) AS DOUBLE PRECISION) AS idx FROM (SELECT org_id, section, \
                 AVG(CASE WHEN status IN ('met', 'done') THEN 1.0 ELSE 0.0 END) AS score FROM ({}) c \
                 GROUP BY org_id, section) s GROUP BY org_id ORDER BY idx DESC",
                cells("")
            ),
            vec![],
        ),
        (
            "Xuất .xlsx một tỉnh",
            format!("/bao-cao-tong-hop/{}/{period}.xlsx", plan.id),
            format!(
                "SELECT c.code, i.text, c.org_id, c.x, c.status, c.comment FROM ({}) c \
                 JOIN plans pl ON pl.plan_key = $3 AND pl.status <> 'amended' \
                 JOIN items i ON i.plan_id = pl.id AND i.item_key = c.item_key ORDER BY c.code, c.org_id",
                cells("AND p.plan_key = $3")
            ),
            vec![plan.key.clone()],
        ),
    ];
    let mut figures = Vec::new();
    for (number, (name, path, sql, texts)) in answers.into_iter().enumerate() {
        if !args.only.is_empty() && !args.only.contains(&(number + 1)) {
            continue;
        }
        let mut ours = Vec::with_capacity(args.runs);
        let mut bytes = 0;
        for run in 0..args.runs + 2 {
            let request = Request::get(&path).header(header::COOKIE, &cookie).body(Body::empty())?;
            let started = Instant::now();
            let response = router.clone().oneshot(request).await?;
            let status = response.status();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX).await?;
            let took = started.elapsed();
            if status != StatusCode::OK {
                bail!("{path}: {status}: {}", String::from_utf8_lossy(&body).chars().take(300).collect::<String>());
            }
            bytes = body.len();
            if run >= 2 {
                ours.push(took);
            }
        }
        let mut bare = Vec::with_capacity(args.runs);
        let mut rows = 0;
        for run in 0..args.runs + 2 {
            let mut query = sqlx::query(&sql).bind(i64::from(period.year)).bind(i64::from(quarter));
            for text in &texts {
                query = query.bind(text.as_str());
            }
            let started = Instant::now();
            let fetched = query.fetch_all(store.pool()).await.with_context(|| format!("bare SQL of \"{name}\""))?;
            let took = started.elapsed();
            rows = fetched.len();
            if run >= 2 {
                bare.push(took);
            }
        }
        figures.push(Figure {
            answer: name.to_owned(),
            ours_p50_ms: percentile(&mut ours, 0.5),
            ours_p95_ms: percentile(&mut ours, 0.95),
            sql_p50_ms: percentile(&mut bare, 0.5),
            sql_p95_ms: percentile(&mut bare, 0.95),
            bytes,
            rows,
        });
    }
    store.delete_session(cookie.trim_start_matches("chitieu_session="), &now()).await?;
    if args.json {
        crate::say!("{}", serde_json::to_string_pretty(&figures)?);
        return Ok(());
    }
    let mut table = Table::new();
    table.set_header(["Câu trả lời", "p50 (ms)", "p95 (ms)", "SQL p50", "SQL p95", "p95 ÷ SQL", "bytes", "rows"]);
    for f in &figures {
        table.add_row([
            f.answer.clone(),
            format!("{:.1}", f.ours_p50_ms),
            format!("{:.1}", f.ours_p95_ms),
            format!("{:.1}", f.sql_p50_ms),
            format!("{:.1}", f.sql_p95_ms),
            format!("{:.2}", f.ours_p95_ms / f.sql_p95_ms),
            f.bytes.to_string(),
            f.rows.to_string(),
        ]);
    }
    crate::say!("{:?} ({}), {period}, {} runs each\n{table}", store.backend(), plan.key, args.runs);
    Ok(())
}
