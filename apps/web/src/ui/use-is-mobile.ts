import { Grid } from 'antd';

/** Phone width (< 576 px, antd's `sm`). */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.sm === false;
}

/** Below the `lg` breakpoint (992 px): the org tree moves into a Drawer. */
export function useIsNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.lg === false;
}
