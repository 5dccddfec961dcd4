//! `chitieu demo --scale national`: a synthetic country at full scale, to see and measure the
//! product on: 34 provinces and cities, about 700 departments and 3,321 communes and wards, one
//! 150-row plan per province, and 20 quarters of reports (about 12 million values), the same
//! database for the same `--seed`, on SQLite or PostgreSQL.
//!
//! Everything goes through the store's real paths (`import_orgs`, `import_groups`,
//! `import_plan`) except the reports, which the store's bulk path loads a province and quarter at
//! a time, so the values are never all in memory; the planner's statistics are refreshed last.
//! Every province's plan has the same rows with the same codes ("1.5"), so one indicator across
//! the country is the items with that code; their keys are "cds-NN#1.{position}".

mod catalogue;
mod country;
mod dice;
mod plan;
mod rounds;
mod values;

use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use chitieu_core::display::number_vi;
use chitieu_core::measure::Measure;
use chitieu_core::registry::{OrgId, OrgKind, Registry};
use chitieu_store::{Level, PlanImport, SqlStore, UserRole};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use self::dice::Dice;
use self::rounds::ProvinceRounds;
use self::values::quarter_of;

/// Who the generator writes as, and when: fixed, so the same seed gives the same rows.
const ACTOR: &str = "demo:national";
const REGISTERED_AT: &str = "2022-01-05T01:00:00Z";
const PLANNED_AT: &str = "2022-01-20T01:00:00Z";
const LOADED_AT: &str = "2027-02-01T01:00:00Z";
/// 2022-Q1 … 2026-Q4.
const ALL_QUARTERS: u8 = 20;

/// The size of the synthetic country.
#[derive(Debug, Clone, Args)]
pub struct Options {
    /// National: the seed; the same seed gives the same database.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// National: only the first N of the 34 provinces.
    #[arg(long, default_value_t = 34, value_parser = clap::value_parser!(u16).range(1..=34))]
    pub provinces: u16,
    /// National: at most N departments per province (the Sở Khoa học và Công nghệ first).
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub departments: Option<u16>,
    /// National: at most N communes and wards per province.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..))]
    pub communes: Option<u16>,
    /// National: the last N quarters up to 2026-Q4.
    #[arg(long, default_value_t = ALL_QUARTERS, value_parser = clap::value_parser!(u8).range(1..=20))]
    pub quarters: u8,
}

/// What was built, and how long it took.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub seed: u64,
    pub provinces: usize,
    pub departments: usize,
    pub communes: usize,
    pub plans: usize,
    pub rows_per_plan: usize,
    pub reports: usize,
    pub late: usize,
    pub values: usize,
    pub elapsed: Duration,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: usize| number_vi(count as f64);
        write!(
            f,
            "Quốc gia mẫu, hạt giống {}: {} tỉnh, thành phố; {} sở, ban, ngành; {} xã, phường, đặc khu\n{} kế hoạch × {} chỉ tiêu, nhiệm vụ; \
             {} báo cáo ({} nộp muộn), {} giá trị\n{} giây",
            self.seed,
            n(self.provinces),
            n(self.departments),
            n(self.communes),
            n(self.plans),
            n(self.rows_per_plan),
            n(self.reports),
            n(self.late),
            n(self.values),
            number_vi((self.elapsed.as_secs_f64() * 10.0).round() / 10.0),
        )
    }
}

fn bar(len: u64, prefix: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len).with_prefix(prefix);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>9} {bar:30} {pos}/{len} [{elapsed}, còn {eta}] {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

/// Builds the country in an empty store.
pub async fn build(store: &SqlStore, options: &Options) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let dice = Dice::new(options.seed);
    let provinces = usize::from(options.provinces);
    let cap = |limit: Option<u16>| limit.map_or(usize::MAX, usize::from);
    let (orgs, groups) = country::registry(provinces, cap(options.departments), cap(options.communes));

    let progress = bar(orgs.len() as u64, "Đơn vị");
    progress.set_message("đơn vị và nhóm");
    store.import_orgs(&orgs, ACTOR, REGISTERED_AT).await.context("the country's units")?;
    store.import_groups(&groups, ACTOR, REGISTERED_AT).await.context("the country's groups")?;
    progress.set_position(orgs.len() as u64);
    progress.finish();
    let registry = store.registry().await?;

    let progress = bar(provinces as u64, "Kế hoạch");
    let mut plans = Vec::with_capacity(provinces);
    for (index, province) in country::PROVINCES.iter().take(provinces).enumerate() {
        progress.set_message(province.full_name());
        let issuer = org_id(&registry, &province.org_name(), None)?;
        let built = plan::build(province, index);
        let outcome = store
            .import_plan(PlanImport {
                plan: &built.plan,
                source_bytes: built.text.as_bytes(),
                source_text: Some(&built.text),
                issuer: Some(issuer),
                level: Some(Level::Province),
                parent_key: None,
                key: Some(&built.key),
                actor: ACTOR,
                at: PLANNED_AT,
            })
            .await
            .with_context(|| format!("the plan of {}", province.full_name()))?;
        if let Some(name) = outcome.unresolved.first() {
            bail!("the plan of {}: \"{}\" names no unit or group", province.full_name(), name.name);
        }
        plans.push((outcome.plan_id, issuer, index));
        progress.inc(1);
    }
    progress.finish();

    let quarters: Vec<_> =
        (u64::from(ALL_QUARTERS - options.quarters)..u64::from(ALL_QUARTERS)).map(quarter_of).collect();
    let progress = bar((plans.len() * quarters.len()) as u64, "Báo cáo");
    let mut summary = Summary { seed: options.seed, provinces, plans: plans.len(), ..Summary::default() };
    for (plan_id, issuer, index) in plans {
        let province = ProvinceRounds::new(dice, store.plan(plan_id).await?, &registry, issuer, index);
        summary.rows_per_plan = province.plan.items.iter().filter(|i| i.measure != Measure::None).count();
        for (n, period) in quarters.iter().enumerate() {
            let province_name = country::PROVINCES[index].full_name();
            progress.set_message(format!("{province_name} {period} · {} giá trị", number_vi(summary.values as f64)));
            let reports = province.round(dice, *period, n + 1 == quarters.len());
            let loaded = store
                .load_reports(&reports, ACTOR, LOADED_AT)
                .await
                .with_context(|| format!("the reports of {province_name} for {period}"))?;
            summary.reports += loaded.reports;
            summary.late += loaded.late;
            summary.values += loaded.values;
            progress.inc(1);
        }
    }
    progress.set_message(format!("{} giá trị; cập nhật thống kê cho truy vấn", number_vi(summary.values as f64)));
    store.analyze().await.context("refreshing the query planner's statistics")?;
    progress.finish_with_message(format!("{} giá trị", number_vi(summary.values as f64)));
    let kinds = |wanted: &[OrgKind]| registry.orgs.iter().filter(|o| wanted.contains(&o.kind)).count();
    summary.communes = kinds(&[OrgKind::Commune]);
    summary.departments = registry.orgs.len() - kinds(&[OrgKind::Province, OrgKind::Commune]);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn org_id(registry: &Registry, name: &str, scope: Option<OrgId>) -> anyhow::Result<OrgId> {
    crate::plans::org_named(registry, name, scope)
}

/// One demo account: user name, display name, role, unit and how the unit is shown.
pub type Account = (&'static str, &'static str, UserRole, OrgId, String);

/// The demo accounts of the national scale, in the first province: an administrator, a leader,
/// the monitor, and the reporter and approver of its first commune.
pub fn accounts(registry: &Registry) -> anyhow::Result<Vec<Account>> {
    let province = &country::PROVINCES[0];
    let top = org_id(registry, &province.org_name(), None)?;
    let monitor = org_id(registry, country::MONITOR, Some(top))?;
    let commune = registry
        .orgs
        .iter()
        .find(|o| o.parent == Some(top) && o.kind == OrgKind::Commune)
        .context("the first province has no commune")?;
    let under = |name: &str, unit: &str| format!("{name} ({unit})");
    Ok(vec![
        ("admin", "Quản trị hệ thống", UserRole::Admin, top, province.org_name()),
        ("lanhdao", "Lãnh đạo UBND", UserRole::Leader, top, province.org_name()),
        ("giamsat", "Chuyên viên Sở KH&CN", UserRole::Monitor, monitor, under(country::MONITOR, &province.org_name())),
        ("baocao", "Cán bộ nhập liệu", UserRole::Reporter, commune.id, commune.name.clone()),
        ("duyet", "Lãnh đạo UBND xã", UserRole::Approver, commune.id, commune.name.clone()),
    ])
}
