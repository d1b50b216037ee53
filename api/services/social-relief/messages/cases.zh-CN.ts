/** Each relief service's cases as the staff pages and the status page name them (CaseService.words: `social-relief:<key>.case`). PLACEHOLDER words until the workflows land. */
const placeholder = (name: string) => ({
  name,
  state: { submitted: '已提交', accepted: '已受理', 'not-accepted': '不予受理', withdrawn: '已撤回' },
  event: { submit: '提交申请', accept: '受理', 'not-accept': '不予受理', withdraw: '撤回申请' },
  action: { accept: '受理', 'not-accept': '不予受理' },
  next: { submitted: '乡镇（街道）会受理您的申请。', accepted: '工作人员会到您家了解情况。' },
});

export const casesZhCN = {
  dibao: { case: placeholder('最低生活保障（低保）') },
  tekun: { case: placeholder('特困人员救助供养') },
  temporary: { case: placeholder('临时救助') },
};
