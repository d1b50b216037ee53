/**
 * 公示 and 公布 pages of a village or community, and the objection form (docs/decisions/045): the
 * social-relief namespace's `notices` part, spread by ./zh-CN.ts. Short and plain: the people who
 * read a notice are neighbours, and the people on it are in hardship.
 */
export const noticesZhCN = {
  index: {
    title: '村（社区）公示栏',
    lead: '低保、特困和临时救助的申请，在申请人所在的村或社区公示和公布。请选择您所在的村或社区。',
    district: '{{district}}',
    township: '{{township}}',
  },
  community: {
    title: '{{community}}公示栏',
    lead: '{{district}}{{township}}{{community}}的公示和公布。只列出正在公示或公布期内的家庭。',
    notice: '公示：正在公示的救助申请',
    noticeHint: '公示期内，您可以对每一户提出意见。',
    announcement: '公布：已批准的救助',
    announcementHint: '经审批同意的救助家庭。',
    allCommunities: '查看其他村（社区）',
  },
  list: {
    notice: {
      title: '{{community}}：救助申请公示',
      lead: '以下家庭申请了救助，正在公示。为保护个人信息，只公示姓名（部分隐去）、家庭人数、救助类别和金额。',
      empty: '{{community}}现在没有正在公示的申请。',
    },
    announcement: {
      title: '{{community}}：救助公布',
      lead: '以下家庭经审批同意救助。为保护个人信息，只公布姓名（部分隐去）、家庭人数、救助类别和金额。',
      empty: '{{community}}现在没有正在公布的救助。',
    },
    caption: '{{community}}，{{today}}',
    name: '申请人',
    householdSize: '家庭人数',
    kind: '救助类别',
    amount: '金额',
    period: '公示时间',
    shownUntil: '公布至',
    persons_one: '{{count}} 人',
    persons_other: '{{count}} 人',
    noAmount: '—',
    dates: '{{from}}至{{to}}',
    object: '提出意见',
    objectNamed: '对{{name}}一户提出意见',
    back: '返回{{community}}公示栏',
  },
  howToObject: {
    title: '如何提出意见',
    text: '如果您了解到哪一户的情况与申请不符，请在这一户公示期的最后一天之前，点击“提出意见”告诉我们。可以不留姓名。',
    office: '也可以到{{township}}民政部门当面反映。工作人员会认真核实，并为反映情况的人保密。',
  },
  object: {
    title: '对公示提出意见',
    lead: '您对以下这一户的救助申请有什么意见？请告诉我们您了解的情况。',
    entry: '{{name}}，{{count}} 人，{{kind}}，{{amount}}',
    lastDay: '这一户的公示期到{{day}}为止，请在此之前提出。',
    textHint: '请写清您了解的情况，例如家里的收入、住房或车辆。不要写与此无关的他人信息。',
    nameHint: '可以不填。',
    contactHint: '可以不填。留下手机号或其他联系方式，工作人员核实时可能需要问您。',
    privacy: '您的意见只交给办理这项申请的工作人员，不会公开，也不会告诉申请人是谁提出的。',
    submit: '提交意见',
  },
  thanks: {
    title: '谢谢，我们已收到您的意见',
    text: '工作人员会核实您反映的情况。您留下联系方式的，我们可能会联系您。',
    back: '返回{{community}}公示栏',
  },
  ended: {
    title: '这条公示已经结束',
  },
};
