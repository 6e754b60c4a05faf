// Adding a phrase → metric mapping from an unchecked claim: reports of the chosen org's subtree then check it.
import { type CheckedClaim, unitsCompatible } from '@grassroots/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage, isApiError } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import type { Catalogue } from '../dashboard/dashboard.hooks';
import { createMetricPhrase, reportCheckKeys } from './report-check.api';

interface PhraseForm {
  phrase: string;
  metricKey: string;
}

export function AddPhraseModal({
  claim,
  orgId,
  orgName,
  catalogue,
  onClose,
  onAdded,
}: {
  claim: CheckedClaim | null;
  orgId: number;
  orgName: string;
  catalogue: Catalogue;
  onClose: () => void;
  onAdded: () => void;
}) {
  const [form] = Form.useForm<PhraseForm>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unmatched, setUnmatched] = useState<string[]>([]);
  const options = [...catalogue.values()]
    .filter((m) => claim && unitsCompatible(claim.unit, m.unit))
    .map((m) => ({ value: m.key, label: `${m.label}（${m.group}，${m.unit}）` }));
  const add = useMutation({
    mutationFn: (v: PhraseForm) => createMetricPhrase({ ...v, orgId }),
    onSuccess: (p) => {
      message.success(`已添加：“${p.phrase}”对应“${p.metricLabel}”`);
      void queryClient.invalidateQueries({ queryKey: reportCheckKeys.allPhrases });
      onAdded();
      onClose();
    },
    onError: (e) => {
      const rest = applyServerFieldErrors(form, e, ['phrase', 'metricKey']);
      setUnmatched(isApiError(e) && e.fields ? rest : [errorMessage(e)]);
    },
  });
  return (
    <Modal
      open={claim !== null}
      title="添加说法"
      okText="添加并重新核对"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={add.isPending}
      destroyOnHidden
      data-testid="add-phrase-modal"
    >
      {claim ? (
        <Form<PhraseForm>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{ phrase: claim.counted }}
          onFinish={(v) => {
            setUnmatched([]);
            add.mutate({ phrase: v.phrase.trim(), metricKey: v.metricKey });
          }}
        >
          <Typography.Paragraph type="secondary">
            原文“{claim.quote}”。添加后，{orgName}及下级的汇报材料中这一说法都按所选指标核对。
          </Typography.Paragraph>
          <Form.Item
            name="phrase"
            label="说法"
            rules={[
              { required: true, whitespace: true, message: '请填写说法' },
              { min: 2, message: '说法至少2个字' },
              { max: 30, message: '说法不能超过30个字' },
            ]}
            extra="汇报中紧挨数字、表示统计对象的词，如“在册党员”“整改到位”"
          >
            <Input data-testid="phrase-input" />
          </Form.Item>
          <Form.Item name="metricKey" label="对应指标" rules={[{ required: true, message: '请选择指标' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={options}
              placeholder={options.length ? '选择指标' : `没有单位为“${claim.unit}”的指标`}
              data-testid="phrase-metric"
            />
          </Form.Item>
          {unmatched.length > 0 ? <Alert type="error" showIcon message={unmatched.join('；')} /> : null}
        </Form>
      ) : null}
    </Modal>
  );
}
