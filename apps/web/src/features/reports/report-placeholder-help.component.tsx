// How placeholders are written: a metric's code in {{ }}, optional formats after |, the words of org and period, and
// the 同比 block kept only when the draft has a compared period.
import { REPORT_FORMAT_LABELS, REPORT_FORMATS, REPORT_WORD_KEYS, REPORT_WORD_LABELS } from '@grassroots/domain';
import { Typography } from 'antd';

export function PlaceholderHelp() {
  return (
    <span data-testid="report-placeholder-help">
      数字写作 <Typography.Text code>{'{{指标编码}}'}</Typography.Text>，如{' '}
      <Typography.Text code>{'{{members.total}}'}</Typography.Text> 写出“1234名”（单位随指标）；可加格式：
      {REPORT_FORMATS.map((f) => (
        <span key={f}>
          <Typography.Text code>{`|${f}`}</Typography.Text>
          {REPORT_FORMAT_LABELS[f]}；
        </span>
      ))}
      组织和期间：
      {REPORT_WORD_KEYS.map((k) => (
        <span key={k}>
          <Typography.Text code>{`{{${k}}}`}</Typography.Text>
          {REPORT_WORD_LABELS[k]}；
        </span>
      ))}
      <Typography.Text code>{'{{#compare}}…{{/compare}}'}</Typography.Text>
      之间的文字只在选择了对比期（同比）时保留。
    </span>
  );
}
