/** 申请草稿（保存在服务器上）：保存后继续、超时提醒、继续填写页和它们的错误提示（docs/decisions/033）。 */

import { DRAFT_FIGURES } from '../../../engine/drafts/draft-rules.ts';
export const draftsZhCN = {
  errors: {
    draft: {
      notFound: '没有找到正在填写的申请，可能已超时。请重新开始，或用继续填写码找回已保存的申请',
      noSuchService: '没有这项可在线申请的服务',
      identityMissing: '请先填写身份证件号码再保存：以后继续填写时要核对它',
      noMatch: '继续填写码或身份证件号码不正确，或者保存的申请已过期',
      tooMany: '尝试次数过多，请于 {{time}} 后再试',
      codeRequired: '请输入继续填写码',
      idNumberRequired: '请输入身份证件号码',
    },
  },
  notifications: {
    draft: {
      resumeCode: '【民政一网通办】您的申请已保存，继续填写码 {{code}}，保留至 {{until}}。请在网站“继续填写申请”页输入此码和身份证件号码继续。请勿告诉他人。',
    },
  },
  /** A tool journey's pages (the generic journey pages at /check/<tool>, docs/decisions/041 and 048): answers kept only in the reader's browser. */
  tool: {
    nothingKept: '您填写的内容只保存在您自己的浏览器里，不会保存到我们的服务器上；{{minutes}} 分钟没有操作会自动清除。',
    restarted: '为保护您的信息，之前填写的内容已清除（超过 {{minutes}} 分钟没有操作，或者无法读取）。请重新开始。',
    continue: '接着上次填写',
    tooMuch: '填写的内容太多，无法保存。请减少一些内容，或者直接申请、拨打服务热线。',
    changeTitle: '修改您的回答',
    none: '没有填写',
    startAgain: '清除回答，重新开始',
  },
  draft: {
    keptFor: {
      long: `您填写的内容会保存 ${DRAFT_FIGURES.longKeepDays} 天；${DRAFT_FIGURES.idleMinutes} 分钟没有操作，需要用继续填写码找回。`,
      short: `您填写的内容会保存 ${DRAFT_FIGURES.shortKeepDays} 天；${DRAFT_FIGURES.idleMinutes} 分钟没有操作，需要用继续填写码找回。`,
    },
    saveForLater: '保存，稍后再填',
    saved: {
      title: '您的申请已保存',
      code: '继续填写码',
      lead: '请记下这个码。在任何设备上打开“继续填写申请”页，输入这个码和身份证件号码，就能接着填写。',
      until: '申请保留至 {{date}}，之后会被删除。',
      sentTo: '我们已把这个码发送到 {{phone}}。',
      notSent: '您还没有填写手机号码，我们没有发送短信，请自己记下这个码。',
      continue: '继续填写',
      resumeLink: '继续填写申请',
    },
    timeout: {
      title: '您的申请即将超时',
      body: `为保护您的信息，页面 ${DRAFT_FIGURES.warnMinutes} 分钟内没有操作，我们会隐藏您填写的内容。您填写的内容不会丢失。`,
      continue: '继续填写',
      saveForLater: '保存，稍后再填',
      extended: '已延长，您可以继续填写。',
    },
    lapsed: '为保护您的信息，您的申请已超时。请重新开始，或用继续填写码找回已保存的申请。',
    resume: {
      title: '继续填写申请',
      lead: '输入保存申请时给您的继续填写码和申请人的身份证件号码。',
      code: '继续填写码',
      codeHint: '8 位字母和数字，例如 ABCD-EF34',
      idNumber: '身份证件号码',
      submit: '继续',
    },
  },
  fields: {
    resume: {
      code: '继续填写码',
      idNumber: '身份证件号码',
    },
  },
};
