import type { Strings } from '../catalog.js';
import type { StepsDeskTermKey } from '../en/steps-desk.js';

/** Simplified Chinese strings of the desk's guided steps dialog (the type makes a missing or extra key an error). */
export const strings: Strings<StepsDeskTermKey> = {
  'stepsDesk.title': '发送操作步骤',
  'stepsDesk.lists': '适用于 {product} 的步骤模板',
  'stepsDesk.listsGeneral': '步骤模板',
  'stepsDesk.loading': '正在加载步骤模板…',
  'stepsDesk.none': '此商品还没有步骤模板：请在下面填写步骤。',
  'stepsDesk.loadFailed': '未能加载步骤模板：{reason}',
  'stepsDesk.use': '使用“{title}”',
  'stepsDesk.general': '通用',
  'stepsDesk.listTitle': '标题',
  'stepsDesk.step': '第 {n} 步',
  'stepsDesk.image': '第 {n} 步的图片地址（可选）',
  'stepsDesk.addStep': '添加一步',
  'stepsDesk.removeStep': '删除第 {n} 步',
  'stepsDesk.send': '发送给顾客',
  'stepsDesk.saveList': '保存为此商品的步骤模板',
  'stepsDesk.saved': '已保存到店铺的步骤模板。',
  'stepsDesk.close': '关闭',
  'stepsDesk.incomplete': '请填写标题并至少写一步。',
  'stepsDesk.tooLong': '步骤太长，无法放进一条消息：请缩短。',
};
