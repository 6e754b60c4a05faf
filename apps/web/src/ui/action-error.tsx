// A failed action's message in its dialog: what could not be done, and the server's reason.
import { Alert } from 'antd';
import type { CSSProperties } from 'react';
import { errorMessage } from '../app/api-client';

export function ActionError({
  title,
  error,
  style = { marginBottom: 12 },
}: {
  title: string;
  error: unknown;
  style?: CSSProperties;
}) {
  if (!error) return null;
  return <Alert type="error" showIcon message={title} description={errorMessage(error)} style={style} />;
}
