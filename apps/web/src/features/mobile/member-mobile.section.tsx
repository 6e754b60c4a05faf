// On a member's page: the member's 流动党员 records (with 登记外出) and the 光荣在党50年 medal (with 登记颁发).
import { medalAwardableOn, medalDueOn, todayIso } from '@grassroots/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Form, Input, List, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, isApiError } from '../../app/api-client';
import { applyServerFieldErrors } from '../../ui/form-errors';
import { toIsoDate } from '../../ui/format';
import { ErrorState } from '../../ui/query-states';
import type { Member } from '../members/members.api';
import { awardMedal, fetchMedals, fetchMobileMembers, mobileKeys } from './mobile.api';
import { MobileFormDrawer } from './mobile-form.drawer';
import { MobileStatus } from './mobile-tags';

function MedalModal({ member, onClose }: { member: Member; onClose: () => void }) {
  const [form] = Form.useForm<{ awardedOn: Dayjs | null; note?: string }>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: { awardedOn: Dayjs | null; note?: string }) =>
      awardMedal({ memberId: member.id, awardedOn: toIsoDate(v.awardedOn) ?? '', note: v.note?.trim() || null }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: mobileKeys.medals(member.id) });
      message.success('已登记颁发“光荣在党50年”纪念章');
      onClose();
    },
    onError: (e) => {
      const rest = applyServerFieldErrors(form, e, ['awardedOn', 'note']);
      setError(rest.length ? rest.join('；') : isApiError(e) && e.fields ? null : errorMessage(e));
    },
  });
  return (
    <Modal
      open
      title={`颁发“光荣在党50年”纪念章：${member.name}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={mutation.isPending}
      maskClosable={false}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        disabled={mutation.isPending}
        initialValues={{ awardedOn: dayjs() }}
        onFinish={(v) => {
          setError(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item name="awardedOn" label="颁发日期" rules={[{ required: true, message: '请选择颁发日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label="备注" rules={[{ max: 200, message: '备注不能超过200个字' }]}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MemberMobileSection({ member, canWrite }: { member: Member; canWrite: boolean }) {
  const [registering, setRegistering] = useState(false);
  const [awarding, setAwarding] = useState(false);
  const q = { memberId: member.id, filter: 'all' as const, sort: '-since' as const, page: 1, pageSize: 20 };
  const records = useQuery({ queryKey: mobileKeys.list(q), queryFn: () => fetchMobileMembers(q) });
  const medals = useQuery({ queryKey: mobileKeys.medals(member.id), queryFn: () => fetchMedals(member.id) });
  const writable = canWrite && member.leftOn === null;
  const active = records.data?.items.some((r) => !r.returnedOn) ?? false;
  const fullOn = member.status === 'full' ? member.fullOn : null;
  const medal = medals.data?.items[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <div>
        <Space style={{ marginBottom: 8 }}>
          <Typography.Text strong>流动党员</Typography.Text>
          {writable && !active && records.isSuccess ? (
            <Button size="small" onClick={() => setRegistering(true)} data-testid="member-mobile-register">
              登记外出
            </Button>
          ) : null}
        </Space>
        {records.isError ? (
          <ErrorState error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          <List
            size="small"
            bordered
            loading={records.isPending}
            dataSource={records.data?.items ?? []}
            locale={{ emptyText: '无外出记录' }}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Link to={`/mobile/${r.id}?org=${r.orgId}`}>
                    {r.since} 起在 {r.destinationRegion}
                  </Link>
                  <MobileStatus record={r} />
                </Space>
              </List.Item>
            )}
          />
        )}
      </div>
      <div>
        <Typography.Text strong>光荣在党50年纪念章</Typography.Text>
        <Descriptions
          size="small"
          column={1}
          style={{ marginTop: 8 }}
          items={[
            {
              key: 'due',
              label: '党龄满50年',
              children: fullOn ? `${medalDueOn(fullOn)}（党龄自转正 ${fullOn} 起算）` : '预备党员，尚无党龄',
            },
            {
              key: 'medal',
              label: '颁发情况',
              children: medals.isPending ? (
                '…'
              ) : medal ? (
                `已于 ${medal.awardedOn} 颁发`
              ) : (
                <Space>
                  <span>未颁发</span>
                  {writable && fullOn && medalAwardableOn(fullOn, todayIso()) ? (
                    <Button size="small" type="primary" onClick={() => setAwarding(true)} data-testid="medal-award">
                      登记颁发
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </div>
      {registering ? (
        <MobileFormDrawer
          orgId={member.orgId}
          memberId={member.id}
          record={null}
          onClose={() => setRegistering(false)}
        />
      ) : null}
      {awarding ? <MedalModal member={member} onClose={() => setAwarding(false)} /> : null}
    </Space>
  );
}
