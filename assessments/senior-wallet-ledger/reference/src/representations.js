// What clients see of the ledger's records.

export const toWallet = (w) => ({
  id: w.id,
  currency: w.currency,
  label: w.label,
  balance: w.balance,
  createdAt: w.createdAt,
  updatedAt: w.updatedAt,
});

export const toTransaction = (t) => ({
  id: t.id,
  walletId: t.walletId,
  type: t.type,
  amount: t.amount,
  balanceAfter: t.balanceAfter,
  transferId: t.transferId,
  description: t.description,
  createdAt: t.createdAt,
});

export const toTransfer = (t) => ({
  id: t.id,
  fromWalletId: t.fromWalletId,
  toWalletId: t.toWalletId,
  amount: t.amount,
  currency: t.currency,
  description: t.description,
  createdAt: t.createdAt,
});
