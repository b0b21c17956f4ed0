import type { Strings } from '../catalog.js';
import type { StepsTermKey } from '../en/steps.js';

/** Simplified Chinese strings of guided steps (the type makes a missing or extra key an error). */
export const strings: Strings<StepsTermKey> = {
  'steps.label': '操作步骤',
  'steps.progress': '已完成 {done}/{total} 步',
  'steps.image': '第 {n} 步的图片',
  'steps.waiting': '等待连接后保存',
  'steps.failed': '未能保存勾选：{reason}',
  'steps.preview': '操作步骤：{title}（已完成 {done}/{total} 步）',
};
