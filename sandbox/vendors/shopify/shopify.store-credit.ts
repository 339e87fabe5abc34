import { type FieldNode } from 'graphql';
import { Connection } from '../../graphql/connection';
import { GraphqlRequestError } from '../../graphql/graphql.error';
import { type CurrencyCode } from '../../world/world.types';
import { gid, parseGid } from './shopify.ids';
import { BOOLEAN, checkArguments, DATE_TIME, ID, MONEY_INPUT, object, required } from './shopify.input';
import { isShopCurrency, type MoneyV2, moneyV2, roundedMinorOf } from './shopify.money';
import { type WriteContext } from './shopify.order-writes';
import { type ShopifyObject, type ShopifyView } from './shopify.view';

/** https://shopify.dev/docs/api/admin-graphql/latest/input-objects/StoreCreditAccountCreditInput */
const CREDIT_INPUT = object('StoreCreditAccountCreditInput', {
  creditAmount: required(MONEY_INPUT),
  expiresAt: DATE_TIME,
  // The sandbox sends no notifications.
  notify: BOOLEAN,
});

type Account = ShopifyObject & {
  balance: MoneyV2;
  owner: ShopifyObject;
  transactions: Connection<ShopifyObject>;
};
type CreditInput = { creditAmount: { amount: string; currencyCode: string }; expiresAt?: string | null };

export interface StoreCreditDeps {
  view: ShopifyView;
  ctx: WriteContext;
  record(): void;
}

/**
 * `storeCreditAccountCredit(id:, creditInput:)`: credits a store credit account, named by its id
 * or by its owner's (a Customer: the owner's account in that currency, opened when there is none;
 * an owner holds one account per currency). Later reads see the balance
 * (`customer.storeCreditAccounts`, `node`, `storeCreditAccount`). Refusals are userErrors with
 * Shopify's StoreCreditAccountCreditUserErrorCode, the first one found.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/storeCreditAccountCredit
 */
export function storeCreditAccountCredit(
  deps: StoreCreditDeps,
  args: Record<string, unknown>,
  field: FieldNode,
  variables: Record<string, unknown>,
) {
  checkArguments(field, args, { id: required(ID), creditInput: required(CREDIT_INPUT) }, variables);
  const target = parseGid(args.id);
  if (!target) {
    throw GraphqlRequestError.at(`Invalid global id '${String(args.id)}'`, field, [field.name.value], {
      code: 'argumentLiteralsIncompatible',
      typeName: 'CoercionError',
    });
  }
  const input = args.creditInput as CreditInput;
  const refused = (path: string[], message: string, code: string) => ({
    __typename: 'StoreCreditAccountCreditPayload',
    storeCreditAccountTransaction: null,
    userErrors: [{ __typename: 'StoreCreditAccountCreditUserError', field: path, message, code }],
  });
  const amountPath = ['creditInput', 'creditAmount', 'amount'];
  const currencyPath = ['creditInput', 'creditAmount', 'currencyCode'];
  const found = deps.view.byId.get(String(args.id));
  let account: Account | undefined;
  let owner: ShopifyObject;
  if (target.type === 'StoreCreditAccount') {
    if (found?.__typename !== 'StoreCreditAccount')
      return refused(['id'], 'Store credit account does not exist', 'ACCOUNT_NOT_FOUND');
    account = found as Account;
    owner = account.owner;
  } else {
    // A Customer; the sandbox has no B2B company locations, the other kind of owner.
    if (found?.__typename !== 'Customer') return refused(['id'], 'Owner does not exist', 'OWNER_NOT_FOUND');
    owner = found;
  }
  const currency = input.creditAmount.currencyCode;
  if (!isShopCurrency(currency))
    return refused(currencyPath, 'The currency provided is not currently supported', 'UNSUPPORTED_CURRENCY');
  if (account && account.balance.currencyCode !== currency)
    return refused(
      currencyPath,
      'The currency provided does not match the currency of the store credit account',
      'MISMATCHING_CURRENCY',
    );
  const amount = roundedMinorOf(input.creditAmount.amount, currency) ?? 0;
  if (amount <= 0)
    return refused(
      amountPath,
      'A positive amount must be used to credit a store credit account',
      'NEGATIVE_OR_ZERO_AMOUNT',
    );
  const { at } = deps.ctx;
  if (input.expiresAt && Date.parse(input.expiresAt) <= Date.parse(at))
    return refused(
      ['creditInput', 'expiresAt'],
      'The expiry date must be in the future',
      'EXPIRES_AT_IN_PAST',
    );

  account ??=
    accountsOf(owner).find((a) => a.balance.currencyCode === currency) ?? open(owner, currency, deps);
  const balance = (roundedMinorOf(account.balance.amount, currency) ?? 0) + amount;
  const transaction: ShopifyObject = {
    __typename: 'StoreCreditAccountCreditTransaction',
    id: gid('StoreCreditAccountCreditTransaction', deps.ctx.nextId()),
    account,
    amount: moneyV2(amount, currency),
    balanceAfterTransaction: moneyV2(balance, currency),
    remainingAmount: moneyV2(amount, currency),
    createdAt: at,
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') : null,
    event: 'ADJUSTMENT',
    origin: null,
  };
  account.balance = moneyV2(balance, currency);
  account.transactions = new Connection('StoreCreditAccountTransactionConnection', [
    ...account.transactions.nodes,
    transaction,
  ]);
  deps.record();
  return {
    __typename: 'StoreCreditAccountCreditPayload',
    storeCreditAccountTransaction: transaction,
    userErrors: [],
  };
}

function accountsOf(owner: ShopifyObject): Account[] {
  return [...(owner.storeCreditAccounts as Connection<Account>).nodes];
}

/** A new, empty account of the owner in that currency. */
function open(owner: ShopifyObject, currency: CurrencyCode, deps: StoreCreditDeps): Account {
  const account: Account = {
    __typename: 'StoreCreditAccount',
    id: gid('StoreCreditAccount', deps.ctx.nextId()),
    balance: moneyV2(0, currency),
    owner,
    transactions: new Connection('StoreCreditAccountTransactionConnection', []),
  };
  owner.storeCreditAccounts = new Connection('StoreCreditAccountConnection', [...accountsOf(owner), account]);
  deps.view.byId.set(account.id, account);
  return account;
}
