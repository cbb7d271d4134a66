import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/support/global-setup.ts'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        // Integration files share real servers and timing: one file at a time.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // The faults production throws, against real processes (own Redis servers, hostile peers):
        // after unit and integration, whose timings its load would upset.
        test: {
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Real daemons, SIGKILLs and a Redis of its own: after the other projects (its load would
        // upset their timings), bounded by its own deadlines. Quick form by default; CHAOS_LONG=1
        // runs the long one.
        test: {
          name: 'chaos',
          include: ['test/chaos/**/*.test.ts'],
          sequence: { groupOrder: 2 },
          fileParallelism: false,
          testTimeout: 30 * 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        // Sentinel and Cluster failovers: real daemons against topologies of their own (masters,
        // replicas, sentinels on free ports), after the rest. Quick forms by default; HA_LONG=1 runs
        // the long ones.
        test: {
          name: 'ha',
          include: ['test/ha/**/*.test.ts'],
          sequence: { groupOrder: 3 },
          fileParallelism: false,
          testTimeout: 20 * 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
