// 发展党员 in the one warning list: steps whose time limit is near or past (development_due), and probations ending
// within PROBATION_ENDING_WARNING_DAYS, or ended, with no 转正 decision yet (probation_ending).
import {
  addDays,
  DEVELOPMENT_DUE_WARNING_DAYS,
  type DevelopmentStepCode,
  developmentStep,
  PROBATION_ENDING_WARNING_DAYS,
} from '@grassroots/domain';
import type { SourcedWarning, WarningSource } from '../../platform/warnings.js';
import * as repo from './development.repo.js';

/** The 转正 application and meeting are what probation_ending is about; not listed twice. */
const PROBATION_STEPS: readonly DevelopmentStepCode[] = ['full_membership_application', 'full_membership_meeting'];

export const developmentWarningSource: WarningSource = {
  kinds: ['development_due', 'probation_ending'],
  permission: 'development:read',
  async list(db, subtree, today) {
    const dueUntil = addDays(today, DEVELOPMENT_DUE_WARNING_DAYS);
    const probationUntil = addDays(today, PROBATION_ENDING_WARNING_DAYS);
    const out: SourcedWarning[] = [];
    for (const r of await repo.findDueRecords(db, subtree.path, dueUntil, probationUntil)) {
      const link = `/development/${r.id}?org=${r.orgId}`;
      const base = { orgId: r.orgId, orgPath: r.orgPath, subject: r.name, link };
      const probation = r.stage === 'probationary' && r.nextStep !== 'full_membership_approval' ? r.probationEnd : null;
      if (probation !== null && probation <= probationUntil) {
        out.push({
          ...base,
          kind: 'probation_ending',
          dueDate: probation,
          message:
            probation < today
              ? `预备期已于${probation}届满，尚未讨论转正`
              : `预备期将于${probation}届满，应及时讨论转正`,
        });
      }
      if (
        r.nextStep !== null &&
        r.nextDueDate !== null &&
        r.nextDueDate <= dueUntil &&
        !PROBATION_STEPS.includes(r.nextStep)
      ) {
        const s = developmentStep(r.nextStep);
        out.push({
          ...base,
          kind: 'development_due',
          dueDate: r.nextDueDate,
          message:
            r.nextDueDate < today
              ? `第${s.number}步「${s.label}」已于${r.nextDueDate}到期，尚未办理`
              : `第${s.number}步「${s.label}」应于${r.nextDueDate}前办理`,
        });
      }
    }
    return out;
  },
};
