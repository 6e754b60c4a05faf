// 材料核数 (issue 7 §5): checking a pasted or uploaded report against the data of an org and a period, and the
// phrase dictionary users extend (a phrase → the metric it names, for an org's subtree).
import { z } from 'zod';
import type { ClaimQualifier, ClaimVerdict, RelationKind } from './claims/index.js';
import { isValidIsoDate } from './dates.js';
import { zMetricKey } from './metrics.js';
import { ZPaging, zId, zIsoDate, zText } from './schemas.js';

/** The longest report text read (a long annual report is some 30,000 characters). */
export const REPORT_CHECK_MAX_CHARS = 200_000;
/** The largest .txt or .docx accepted for upload. */
export const REPORT_CHECK_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const periodFields = {
  orgId: zId,
  from: zIsoDate('起始日期'),
  to: zIsoDate('截止日期'),
};

const periodOrder = (v: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (isValidIsoDate(v.from) && isValidIsoDate(v.to) && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '截止日期不能早于起始日期' });
};

/** POST /api/reports/check: the report's text, the org whose data it speaks of and the period. */
export const ZReportCheck = z
  .object({
    text: z
      .string({ error: '请填写汇报材料' })
      .min(1, '请填写汇报材料')
      .max(REPORT_CHECK_MAX_CHARS, `汇报材料不能超过${REPORT_CHECK_MAX_CHARS}个字`),
    ...periodFields,
  })
  .superRefine(periodOrder);
export type TReportCheck = z.infer<typeof ZReportCheck>;

/** POST /api/reports/check/upload?orgId&from&to with the file in the multipart field `file`. */
export const ZReportCheckUploadQuery = z.object(periodFields).superRefine(periodOrder);
export type TReportCheckUploadQuery = z.infer<typeof ZReportCheckUploadQuery>;

export interface CheckedClaim {
  quote: string;
  value: number;
  unit: string;
  qualifier: ClaimQualifier;
  /** What is counted, as the reader found it (shown in the table; '' when it cannot tell). */
  counted: string;
  /** Offsets of the quote in the text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
  /** The metric the claim states, null when none maps or the user may not see it. */
  metric: string | null;
  verdict: ClaimVerdict;
  /** The metric's value for the org and period, null when unchecked. */
  computed: number | null;
}

export interface CheckedRelation {
  quote: string;
  /** The check in numbers: "1326 / 1560 = 0.85", "421 = 406 + 15". */
  formula: string;
  holds: boolean;
  kind: RelationKind;
  start: number;
  end: number;
}

export interface ReportCheckResult {
  claims: CheckedClaim[];
  relations: CheckedRelation[];
}

/** The upload's answer also carries the text read from the file, which the offsets point into. */
export interface ReportCheckUploadResult extends ReportCheckResult {
  text: string;
  fileName: string;
}

/** A phrase users added: in reports of `orgId`'s subtree, `phrase` states the metric `metricKey`. */
export const ZMetricPhraseCreate = z.object({
  phrase: zText('说法', 30).refine((s) => s.length >= 2, '说法至少2个字'),
  metricKey: zMetricKey,
  orgId: zId,
});
export type TMetricPhraseCreate = z.infer<typeof ZMetricPhraseCreate>;

export const ZMetricPhraseListQuery = ZPaging.extend({
  /** The phrases that apply in this org's reports: its own and those of the levels above it. */
  orgId: zId.optional(),
  metricKey: zMetricKey.optional(),
  q: z.string({ error: '关键词应为文本' }).trim().max(30, '关键词不能超过30个字').optional(),
});
export type TMetricPhraseListQuery = z.infer<typeof ZMetricPhraseListQuery>;

export interface MetricPhraseDto {
  id: number;
  phrase: string;
  metricKey: string;
  /** The metric's name, '' when the metric is no longer in the catalogue. */
  metricLabel: string;
  orgId: number;
  orgName: string;
  createdBy: number;
  createdByName: string;
  createdAt: string;
}
