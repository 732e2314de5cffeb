import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../../app/ports';
import type { Flow } from '../../core/flow/flow';

/** The Metrics port over prom-client, with the registry the /metrics server serves. */
export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
}

/** LINE answers a reply within a second or two when all is well; the tail shows its slow days and our timeouts. */
const REPLY_SECONDS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20];

/**
 * One registry for the process, made in the composition root. Labels take only the flow's ids and fixed sets, so the
 * number of series is bounded by the flow, whatever people send. Every question and result starts at 0, so rates and
 * ratios exist before the first person reaches them.
 */
export function createPrometheusMetrics(flow: Flow): PrometheusMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new Counter({ name, help, labelNames, registers });
  const events = counter(
    'linebot_events_total',
    'Events through the conversation, by kind (follow, text, postback, ...) and how the bot answered.',
    ['event', 'outcome'],
  );
  const skipped = counter(
    'linebot_events_skipped_total',
    'Webhook events not run: duplicate (same webhookEventId, e.g. a redelivery) or ignored (standby, unknown).',
    ['reason'],
  );
  const asked = counter(
    'linebot_questions_asked_total',
    'Questions shown to a person arriving at them (re-asks after an unusable answer are not counted).',
    ['question'],
  );
  const answered = counter(
    'linebot_questions_answered_total',
    'Questions a person moved on from, forward.',
    ['question'],
  );
  const results = counter('linebot_results_total', 'Results (agency cards) shown, by result id.', ['result']);
  const understood = counter(
    'linebot_text_understood_total',
    'Typed text taken as an entry of flows/understanding.yaml, by entry id.',
    ['target'],
  );
  const crisisCards = counter('linebot_crisis_cards_total', 'Crisis cards shown.');
  const staleTaps = counter(
    'linebot_stale_taps_total',
    'Taps on buttons the bot could no longer apply, answered as out of date.',
  );
  const infoReports = counter(
    'linebot_info_reports_total',
    'Taps on 「情報がちがう？」, by the agency id of the card: facts to check again.',
    ['agency'],
  );
  const replies = new Histogram({
    name: 'linebot_line_reply_duration_seconds',
    help: 'Reply calls to the LINE API, by how they ended (HTTP status, timeout, unreachable), retries included.',
    labelNames: ['status'] as const,
    buckets: REPLY_SECONDS_BUCKETS,
    registers,
  });
  const shed = counter(
    'linebot_events_shed_total',
    'Webhook events refused with 503 (LINE redelivers them) because this replica held too many events in flight.',
  );
  const circuit = new Gauge({
    name: 'linebot_line_circuit_open',
    help: '1 while calls to the LINE API are stopped because it keeps failing (one probe call a second), else 0.',
    registers,
  });
  circuit.set(0);
  const webhook = counter(
    'linebot_webhook_responses_total',
    'Answers to POST /webhook by HTTP status (401 bad signature, 400 bad body, 413 too large).',
    ['status'],
  );
  for (const id of Object.keys(flow.questions)) {
    asked.labels(id).inc(0);
    answered.labels(id).inc(0);
  }
  for (const id of Object.keys(flow.results)) results.labels(id).inc(0);

  return {
    registry,
    observeSessions(read) {
      new Gauge({
        name: 'linebot_sessions',
        help: 'Sessions held (people with a place in the flow, within SESSION_TTL_MINUTES).',
        registers,
        collect() {
          this.set(read());
        },
      });
    },
    countStep(step) {
      events.labels(step.event, step.outcome).inc();
      if (step.askedQuestionId) asked.labels(step.askedQuestionId).inc();
      if (step.answeredQuestionId) answered.labels(step.answeredQuestionId).inc();
      if (step.resultId) results.labels(step.resultId).inc();
      if (step.understoodAs) understood.labels(step.understoodAs).inc();
      if (step.crisisCardShown) crisisCards.inc();
      if (step.outcome === 'stale') staleTaps.inc();
      if (step.reportedAgencyId) infoReports.labels(step.reportedAgencyId).inc();
    },
    countSkippedEvent(reason) {
      skipped.labels(reason).inc();
    },
    countUnanswered(event, outcome) {
      events.labels(event, outcome).inc();
    },
    countShedEvents(count) {
      shed.inc(count);
    },
    setLineCircuitOpen(open) {
      circuit.set(open ? 1 : 0);
    },
    countLineReply(status, seconds) {
      replies.labels(status).observe(seconds);
    },
    countWebhookAnswer(status) {
      webhook.labels(String(status)).inc();
    },
  };
}
