import type { JobStatus } from '../../core/types.js';
import type { Words } from './words.js';

const numbers = new Intl.NumberFormat('zh-CN');

const STUCK: Partial<Record<JobStatus, string>> = {
  PENDING: '排队超时',
  QUEUING: '排队超时',
  RUNNING: '运行超时',
  CANCELING: '取消超时',
};

const VERBS: Record<string, string> = {
  NEW: '新任务',
  REMOVED: '已移除',
  EXPIRING: '即将过期',
  'WATCH FAILING': '监控失败',
  'WATCH RECOVERED': '监控恢复',
  'REDIS FAILING': 'Redis 故障',
  'REDIS RECOVERED': 'Redis 已恢复',
  'REDIS STATE LOST': 'Redis 数据丢失',
};

const KINDS: Record<string, string> = {
  fine_tune: '微调',
  model_import: '模型导入',
  compression: '模型压缩',
  checkpoint: '检查点',
};

const UNITS: Record<string, string> = { tokens: 'Token', 'GPU seconds': 'GPU 秒' };

/** `1天2小时3分4秒`. */
function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}毫秒`;
  let rest = Math.round(ms / 1000);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['天', 86_400],
    ['小时', 3600],
    ['分', 60],
  ] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest}秒`);
  return parts.join('');
}

/** Simplified Chinese (zh-CN). */
export const ZH_CN: Words = {
  status: {
    PENDING: '等待中',
    QUEUING: '排队中',
    RUNNING: '运行中',
    CANCELING: '取消中',
    SUCCEEDED: '成功',
    FAILED: '失败',
    CANCELED: '已取消',
    UNKNOWN: '未知',
  },
  verb(key, status) {
    if (key === 'STUCK') return STUCK[status] ?? '超时';
    return VERBS[key] ?? ZH_CN.status[key as JobStatus] ?? key;
  },
  kind: (kind, label) => KINDS[kind] ?? label,
  usageUnit: (unit) => UNITS[unit] ?? unit,
  label: {
    jobId: '任务 ID',
    change: '变化',
    status: '状态',
    lastStatus: '最后状态',
    stuck: '超时',
    account: '账号',
    model: '模型',
    outputModel: '输出模型',
    fineTune: '微调任务',
    duration: '耗时',
    elapsed: '已用时',
    usage: '用量',
    expires: '过期时间',
    error: '错误',
    watchId: '监控 ID',
    failures: '失败次数',
    lastError: '最后错误',
    deployment: '部署',
    since: '开始于',
    lastSeenIntact: '最后完好于',
    what: '详情',
    log: '日志',
  },
  duration,
  number: (value) => numbers.format(value),
  soFar: (span) => `已 ${span}`,
  forDuration: (span) => `，已持续 ${span}`,
  noLongerListed: '（已不在列表中）',
  apiSays: '（API 返回 ',
  expired: '（已过期）',
  inDuration: (span) => `（${span}后）`,
  failedPolls: (count) => `连续 ${count} 次轮询失败`,
  recoveredAfter: (count) => `${count} 次轮询失败后恢复`,
  requestId: ' 请求 ID ',
  logTail: (shown, total) => `最后 ${shown} 行（共 ${total} 行）`,
  logUnreadable: (reason) => `无法读取（${reason}），可运行 dashwatch logs <任务 ID> 查看`,
  watchOf: (label) => `${label}监控`,
  batch: (count, watch, failed) =>
    `${count} 条${watch ? '更新' : '任务更新'}${failed > 0 ? `（${failed} 个失败）` : ''}`,
  partOf: (part, parts) => ` · 第 ${part}/${parts} 部分`,
  openConsole: '打开 DashScope 控制台',
  silenced: '🔕 已静音',
  digest: {
    title: (name) => `${name} 摘要`,
    headline: (finished, failed, live, problems) => {
      const parts: string[] = [];
      if (finished > 0) parts.push(`完成 ${finished}`);
      if (failed > 0) parts.push(`失败 ${failed}`);
      if (live > 0) parts.push(`进行中 ${live}`);
      if (problems > 0) parts.push(`监控问题 ${problems}`);
      return parts.length > 0 ? parts.join('，') : '无任务活动';
    },
    counts: '统计',
    noCounts: '无任务',
    failed: '失败',
    finished: '已完成',
    live: '进行中',
    problems: '监控问题',
    andMore: (count) => `……另有 ${count} 个`,
    kind: '类型',
    status: '状态',
    jobs: '任务数',
  },
};
