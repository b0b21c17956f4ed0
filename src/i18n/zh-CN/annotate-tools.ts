import type { Strings } from '../catalog.js';
import type { AnnotateToolsTermKey } from '../en/annotate-tools.js';

/** Simplified Chinese annotation toolbar strings. */
export const strings: Strings<AnnotateToolsTermKey> = {
  'annotateTools.toolbar': '标注工具',
  'annotateTools.arrow': '箭头',
  'annotateTools.circle': '圆圈',
  'annotateTools.pen': '自由画笔',
  'annotateTools.text': '文字标签',
  'annotateTools.undo': '撤销',
  'annotateTools.clear': '清除标注',
  'annotateTools.send': '发送到聊天',
  'annotateTools.unfreeze': '返回实时视频',
  'annotateTools.stopPointer': '停止指示',
  'annotateTools.still': '视频的定格画面',
  'annotateTools.stillLoading': '正在定格画面…',
  'annotateTools.canvas': '绘图区域：拖动以使用所选工具绘制',
  'annotateTools.pointerSurface': '指示区域：在视频上移动或使用方向键来指示位置',
  'annotateTools.label': '标签文字',
  'annotateTools.frozenByPeer': '画面已定格，对方要给您看一些内容',
  'annotateTools.pointedByPeer': '对方正在您的摄像头画面上指示位置',
  'annotateTools.sending': '正在将标注添加到对话…',
  'annotateTools.sent': '标注已添加到对话。',
};
