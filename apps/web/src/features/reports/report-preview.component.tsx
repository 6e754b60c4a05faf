// The rendered report on a page like the printed one: the title centred, "一、" in 黑体, "（一）" in 楷体, body text
// indented two characters. Each figure shows on hover its metric, code, org and period (and the compared period),
// and opens the records behind it on click; what could not be computed stands out in red.
import {
  formatReportNumber,
  headingLength,
  type RenderedReport,
  type ReportFigure,
  type ReportParagraph,
  type ReportSegment,
  reportPeriodLabel,
  segmentText,
} from '@grassroots/domain';
import { Alert, Tooltip, Typography } from 'antd';
import type { CSSProperties } from 'react';

const PAGE: CSSProperties = {
  background: '#fff',
  boxShadow: '0 1px 6px rgba(0,0,0,0.12)',
  padding: '40px 44px',
  fontFamily: '"仿宋_GB2312", FangSong, STFangsong, serif',
  fontSize: 16,
  lineHeight: '30px',
  color: '#000',
};
const FIGURE: CSSProperties = {
  color: '#a8071a',
  background: 'none',
  border: 'none',
  borderBottom: '1px dashed #a8071a',
  padding: 0,
  font: 'inherit',
  cursor: 'pointer',
};
const HEAD_FONT: Partial<Record<ReportParagraph['kind'], string>> = {
  heading1: '"黑体", SimHei, "Heiti SC", sans-serif',
  heading2: '"楷体_GB2312", KaiTi, STKaiti, serif',
};

function FigureTip({ f }: { f: ReportFigure }) {
  return (
    <div style={{ fontSize: 12, lineHeight: 1.7 }}>
      <div>
        <strong>{f.label}</strong>：{formatReportNumber(f.value, f.unit)}
      </div>
      <div>指标编码：{f.metricKey}</div>
      <div>组织：{f.orgName}及下级</div>
      <div>
        期间：{reportPeriodLabel(f.from, f.to)}（{f.from} 至 {f.to}）
      </div>
      {f.compare ? (
        <div>
          对比期：{reportPeriodLabel(f.compare.from, f.compare.to)}，{formatReportNumber(f.compare.value, f.unit)}
        </div>
      ) : null}
      <div style={{ opacity: 0.75 }}>点击查看数字背后的记录</div>
    </div>
  );
}

/** One segment: a figure (hover: where it comes from; click: its records), a 无法计算 marker, or text. */
function Segment({
  s,
  headFont,
  headChars,
  onFigure,
}: {
  s: ReportSegment;
  /** The heading's font, for the first `headChars` characters of this segment. */
  headFont: string | undefined;
  headChars: number;
  onFigure: (f: ReportFigure) => void;
}) {
  const text = segmentText(s);
  const style: CSSProperties | undefined = headFont && headChars >= text.length ? { fontFamily: headFont } : undefined;
  if (s.type === 'figure') {
    return (
      <Tooltip title={<FigureTip f={s} />}>
        <button
          type="button"
          className="report-figure"
          style={{ ...FIGURE, ...style }}
          onClick={() => onFigure(s)}
          data-testid="report-figure"
          data-metric-key={s.metricKey}
          data-value={s.value}
        >
          {s.formatted}
        </button>
      </Tooltip>
    );
  }
  if (s.type === 'missing') {
    return (
      <Typography.Text type="danger" strong data-testid="report-missing">
        {s.text}
      </Typography.Text>
    );
  }
  if (headFont && headChars > 0 && headChars < text.length) {
    return (
      <span>
        <span style={{ fontFamily: headFont }}>{text.slice(0, headChars)}</span>
        {text.slice(headChars)}
      </span>
    );
  }
  return <span style={style}>{text}</span>;
}

function Segments({ p, onFigure }: { p: ReportParagraph; onFigure: (f: ReportFigure) => void }) {
  const headFont = HEAD_FONT[p.kind];
  let headLeft = headFont ? headingLength(p.segments.map(segmentText).join('')) : 0;
  const parts = p.segments.map((s) => {
    const headChars = Math.max(0, headLeft);
    headLeft -= segmentText(s).length;
    return { s, headChars };
  });
  return (
    <>
      {parts.map(({ s, headChars }, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a paragraph's segments have no identity but their place
        <Segment key={i} s={s} headFont={headFont} headChars={headChars} onFigure={onFigure} />
      ))}
    </>
  );
}

export function ReportPreview({ report, onFigure }: { report: RenderedReport; onFigure: (f: ReportFigure) => void }) {
  return (
    <div data-testid="report-preview">
      {report.asOf ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`期间尚未结束，数字统计至 ${report.asOf}${
            report.compare ? '；对比期按相同天数截取' : ''
          }，导出时按导出当天重新计算`}
        />
      ) : null}
      {report.missing.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${report.missing.length} 处无法计算`}
          description={report.missing.map((m) => `${m.key}：${m.reason}`).join('；')}
          data-testid="report-missing-list"
        />
      ) : null}
      <div style={PAGE}>
        <h2
          style={{
            textAlign: 'center',
            fontFamily: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", SimSun, serif',
            fontSize: 22,
            lineHeight: '36px',
            fontWeight: 'normal',
            margin: '0 0 30px',
          }}
          data-testid="report-preview-title"
        >
          <Segments p={report.title} onFigure={onFigure} />
        </h2>
        {report.paragraphs.map((p, i) => (
          <p
            // biome-ignore lint/suspicious/noArrayIndexKey: a rendered report's paragraphs have no identity but their place
            key={i}
            style={{ textIndent: p.kind === 'salutation' ? 0 : '2em', margin: 0, textAlign: 'justify' }}
            data-kind={p.kind}
          >
            <Segments p={p} onFigure={onFigure} />
          </p>
        ))}
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        共填写 {report.figures} 个数字（{report.orgName}及下级，{reportPeriodLabel(report.from, report.to)}
        {report.compare ? `，对比期${reportPeriodLabel(report.compare.from, report.compare.to)}` : ''}）。
      </Typography.Paragraph>
    </div>
  );
}
