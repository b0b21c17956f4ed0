// Theming gallery glue: the three chats are one demo customer (the id the product page also uses),
// so one conversation shows in three looks.
(function () {
  var key = 'support-demo-customer';
  var id = localStorage.getItem(key);
  if (!id) {
    id = 'cust-' + Math.random().toString(36).slice(2, 10);
    localStorage.setItem(key, id);
  }
  document.querySelectorAll('support-chat').forEach(function (chat) {
    chat.setAttribute('user-id', id);
    chat.setAttribute('user-name', 'Customer ' + id.slice(5, 9).toUpperCase());
  });
})();
