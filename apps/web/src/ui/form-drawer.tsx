// The drawer of every create/edit form: 取消 and 保存 at the top (保存 spins and the form is disabled while saving, so
// a second click sends nothing twice), the server's errors that fit no field in an Alert, and a stale version (409)
// shown as 「该记录已被他人修改」 with the values saved meanwhile beside the user's, which the user may load.
import { Alert, App, Button, Drawer, Form, type FormInstance, Space } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { errorMessage, isApiError } from '../app/api-client';
import { applyServerFieldErrors } from './form-errors';
import { type StaleField, StaleVersionModal } from './stale-version.modal';
import { useIsPhone } from './use-is-mobile';

type Values = Record<string, unknown>;

export interface SaveErrors<Current> {
  message: string | null;
  stale: { current: Current; mine: Values } | null;
  /** Before each submit: the previous attempt's message goes. */
  clear(): void;
  closeStale(): void;
  /** useMutation's onError: field errors onto their fields, a 409 to the dialog, the rest to the Alert. */
  fail(error: unknown, mine: Values): void;
}

export function useSaveErrors<Current = Values>(form: FormInstance, fields: readonly string[]): SaveErrors<Current> {
  const [message, setMessage] = useState<string | null>(null);
  const [stale, setStale] = useState<{ current: Current; mine: Values } | null>(null);
  // Stable, so that a form may reset its errors in an effect when it opens.
  const clear = useCallback(() => setMessage(null), []);
  const closeStale = useCallback(() => setStale(null), []);
  const fail = useCallback(
    (error: unknown, mine: Values) => {
      if (isApiError(error) && error.code === 'STALE_VERSION' && error.current) {
        setStale({ current: error.current as Current, mine });
        return;
      }
      const rest = applyServerFieldErrors(form, error, fields);
      setMessage(rest.length ? rest.join('；') : isApiError(error) && error.fields ? null : errorMessage(error));
    },
    [form, fields],
  );
  return { message, stale, clear, closeStale, fail };
}

/**
 * With `onFinish`, the drawer holds the form (vertical, disabled while saving) and `children` are its items; without,
 * `children` bring their own <Form> (e.g. one shown only once what it needs has loaded).
 */
export function FormDrawer<Current, V extends object = object>({
  open = true,
  title,
  width,
  form,
  initialValues,
  onFinish,
  saving,
  submitTestId,
  errors,
  staleFields,
  valuesOf,
  onReload,
  onClose,
  children,
}: {
  open?: boolean;
  title: ReactNode;
  width: number;
  form: FormInstance;
  initialValues?: Partial<V>;
  onFinish?: (values: V) => void;
  saving: boolean;
  submitTestId: string;
  errors: SaveErrors<Current>;
  /** The fields the 409 dialog compares. */
  staleFields: StaleField[];
  /** The form's values for the record as saved meanwhile, loaded from the 409 dialog. */
  valuesOf?: (current: Current) => Partial<V>;
  /** After loading it: the caller takes its version for the next save. */
  onReload: (current: Current) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const phone = useIsPhone();
  const { message } = App.useApp();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      width={phone ? '100%' : width}
      destroyOnHidden
      maskClosable={false}
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid={submitTestId}>
            保存
          </Button>
        </Space>
      }
    >
      {errors.message ? <Alert type="error" showIcon message={errors.message} style={{ marginBottom: 16 }} /> : null}
      {onFinish ? (
        <Form<V>
          form={form}
          layout="vertical"
          disabled={saving}
          initialValues={initialValues}
          onFinish={(v) => {
            errors.clear();
            onFinish(v);
          }}
          scrollToFirstError
        >
          {children}
        </Form>
      ) : (
        children
      )}
      <StaleVersionModal
        open={errors.stale !== null}
        current={errors.stale ? (errors.stale.current as Values) : null}
        mine={errors.stale?.mine ?? null}
        fields={staleFields}
        onCancel={errors.closeStale}
        onReload={() => {
          if (!errors.stale) return;
          if (valuesOf) form.setFieldsValue(valuesOf(errors.stale.current));
          onReload(errors.stale.current);
          errors.closeStale();
          message.info('已加载最新内容，请重新修改后保存');
        }}
      />
    </Drawer>
  );
}
