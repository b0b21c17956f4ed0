// Demo product page glue: a stable demo customer id in localStorage (a reload is the same
// customer) and the product/order context that travels with the conversation.
(function () {
  var chat = document.querySelector('support-chat');
  var key = 'support-demo-customer';
  var id = localStorage.getItem(key);
  if (!id) {
    id = 'cust-' + Math.random().toString(36).slice(2, 10);
    localStorage.setItem(key, id);
  }
  chat.setAttribute('user-id', id);
  chat.setAttribute('user-name', 'Customer ' + id.slice(5, 9).toUpperCase());
  chat.context = {
    sku: 'VX12P-256-GR',
    name: 'Volta X12 Pro (256 GB, graphite)',
    image: new URL('/demo/phone.svg', location.href).href,
    serial: 'VX12P-8F3K2Q',
    orderId: '100234',
    url: location.href,
  };
  var lang = document.getElementById('lang');
  var saved = localStorage.getItem('support-demo-lang');
  if (saved) {
    lang.value = saved;
    document.documentElement.lang = saved;
  }
  lang.addEventListener('change', function () {
    document.documentElement.lang = lang.value;
    chat.setAttribute('lang', lang.value);
    localStorage.setItem('support-demo-lang', lang.value);
  });
})();
